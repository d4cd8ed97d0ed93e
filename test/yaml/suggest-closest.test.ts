import { describe, expect, it } from 'vitest';
import { suggestClosest } from '../../harness/yaml/suggest-closest.js';

const kinds = ['start', 'join', 'send', 'expect', 'refute', 'rejected', 'wire', 'stop', 'restart', 'quit', 'any'];

describe('suggestClosest', () => {
  it.each([
    ['expct', 'expect'],
    ['exepct', 'expect'],
    ['sned', 'send'],
    ['Join', 'join'],
    ['rejcted', 'rejected'],
  ])('%s → %s', (typo, meant) => {
    expect(suggestClosest(typo, kinds)).toBe(meant);
  });

  it('suggests nothing when no candidate is close', () => {
    expect(suggestClosest('frobnicate', kinds)).toBeUndefined();
    expect(suggestClosest('wait', kinds)).toBeUndefined();
  });
});
