import { describe, expect, it } from 'vitest';
import { chooseRecords, excerptWire } from '../../harness/scenario/excerpt.js';
import type { WireRecord } from '../../harness/model/result.js';

const record = (t: number, fault?: string, link = 'alice'): WireRecord => ({
  t,
  link,
  dir: 'up',
  size: 10,
  head: '',
  ...(fault ? { fault } : {}),
});

describe('the wire shown with a verdict', () => {
  it('keeps every faulted datagram within the limit, fills with the earliest others, in the order they crossed', () => {
    const records = Array.from({ length: 100 }, (_, i) => record(i, i % 10 === 5 ? 'dropped' : undefined));
    const chosen = chooseRecords(
      records,
      records.map((_, i) => i),
    );
    expect(chosen).toHaveLength(40);
    expect(chosen.filter((i) => records[i]?.fault)).toEqual([5, 15, 25, 35, 45, 55, 65, 75, 85, 95]);
    expect(chosen.filter((i) => !records[i]?.fault)).toEqual(
      Array.from({ length: 34 }, (_, i) => i)
        .filter((i) => i % 10 !== 5)
        .slice(0, 30),
    );
    expect([...chosen].sort((a, b) => a - b)).toEqual(chosen);
  });

  it('shows the datagram a fault struck long before the verdict, beside those around the verdict', () => {
    const records = [
      record(100, 'corrupted (bit 0 of byte 20 flipped)'),
      record(200),
      ...Array.from({ length: 5 }, (_, i) => record(30_000 + i)),
    ];
    const shown = excerptWire(records, ['alice'], 30_010);
    expect(shown.map((r) => r.t)).toEqual([100, 30_000, 30_001, 30_002, 30_003, 30_004]);
  });
});
