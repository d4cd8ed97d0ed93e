import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../harness/rubric/parse-duration.js';

describe('parseDuration', () => {
  it.each([
    ['1500ms', 1_500],
    ['5s', 5_000],
    ['1.5s', 1_500],
    ['2m', 120_000],
    ['10 s', 10_000],
    [250, 250],
  ] as const)('%s is %i ms', (value, ms) => {
    expect(parseDuration(value)).toBe(ms);
  });

  it('throws on what the schema would have refused', () => {
    expect(() => parseDuration('5 seconds')).toThrow('not a duration: 5 seconds');
  });
});
