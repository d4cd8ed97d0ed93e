import { describe, expect, it } from 'vitest';
import { parseShard, selectShard } from '../../harness/batch/select-shard.js';

describe('parseShard', () => {
  it('reads I/N', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1/1 ')).toEqual({ index: 1, count: 1 });
  });

  it('says what it expects of text that is no shard', () => {
    expect(parseShard('half')).toBe('--shard expects I/N such as 2/4, got "half"');
    expect(parseShard('1/')).toBe('--shard expects I/N such as 2/4, got "1/"');
    expect(parseShard('-1/2')).toBe('--shard expects I/N such as 2/4, got "-1/2"');
  });

  it('says I must lie between 1 and N', () => {
    expect(parseShard('5/4')).toBe('--shard 5/4: I must be between 1 and N (N ≥ 1)');
    expect(parseShard('0/4')).toBe('--shard 0/4: I must be between 1 and N (N ≥ 1)');
    expect(parseShard('0/0')).toBe('--shard 0/0: I must be between 1 and N (N ≥ 1)');
  });
});

describe('selectShard', () => {
  const list = ['a', 'b', 'c', 'd', 'e'];

  it('keeps everything without a shard', () => {
    expect(selectShard(list, undefined)).toEqual(list);
  });

  it('deals every N-th item, starting at the I-th', () => {
    expect(selectShard(list, { index: 1, count: 2 })).toEqual(['a', 'c', 'e']);
    expect(selectShard(list, { index: 2, count: 2 })).toEqual(['b', 'd']);
  });

  it('partitions the list: the shards together hold each item exactly once', () => {
    for (const count of [1, 2, 3, 4, 7]) {
      const shards = Array.from({ length: count }, (_, i) => selectShard(list, { index: i + 1, count }));
      expect(shards.flat().sort()).toEqual(list);
      const sizes = shards.map((shard) => shard.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });
});
