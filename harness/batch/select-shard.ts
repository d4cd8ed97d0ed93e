// One of N equal shares of a batch, numbered from 1, as CI matrices count.
export interface Shard {
  readonly index: number;
  readonly count: number;
}

// Parses "2/4"; returns a message when the text is no shard.
export function parseShard(text: string): Shard | string {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return `--shard expects I/N such as 2/4, got "${text}"`;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) return `--shard ${text}: I must be between 1 and N (N ≥ 1)`;
  return { index, count };
}

// The submissions of one shard: every N-th of the sorted list, so shards stay balanced.
export function selectShard<T>(sorted: readonly T[], shard: Shard | undefined): T[] {
  if (!shard) return [...sorted];
  return sorted.filter((_, i) => i % shard.count === shard.index - 1);
}
