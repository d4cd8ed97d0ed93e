import { describe, expect, it } from 'vitest';
import { allocateUid } from '../../harness/sandbox/allocate-uid.js';
import { uidRangeOf } from '../helpers/leftovers.js';

describe('allocateUid', () => {
  it('gives no uid when privileges need not be dropped', () => {
    expect(allocateUid(false)).toBeUndefined();
  });

  it('gives a fresh uid per run, within this process\'s own range of 1000', () => {
    const range = uidRangeOf(process.pid);
    const uids = Array.from({ length: 5 }, () => allocateUid(true) as number);
    expect(new Set(uids).size).toBe(5);
    for (const uid of uids) {
      expect(uid).toBeGreaterThanOrEqual(range.from);
      expect(uid).toBeLessThan(range.to);
    }
  });
});
