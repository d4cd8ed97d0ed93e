const units = { B: 1, KB: 1024, MB: 1024 * 1024 } as const;

// The largest file or byte count a rubric may name (64MB): a file step writes that much to disk and the wire.
export const maxSizeBytes = 64 * 1024 * 1024;

// "200KB" → 204800 bytes; a number is bytes already.
export function parseSize(size: number | string): number {
  if (typeof size === 'number') return size;
  const match = /^(\d+)\s*(B|KB|MB)$/.exec(size);
  const unit = units[(match?.[2] ?? 'B') as keyof typeof units];
  return Number(match?.[1] ?? 0) * unit;
}
