const units: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000 };

// The longest duration a rubric may set (1 hour): far below the 2^31-1 ms at which Node's timers fire at once.
export const maxDurationMs = 3_600_000;

// Converts a schema-valid duration ("1500ms", "5s", "2m", or a number of ms) to whole milliseconds.
export function parseDuration(value: number | string): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m)$/.exec(value.trim());
  const unit = match?.[2] === undefined ? undefined : units[match[2]];
  if (!match?.[1] || unit === undefined) throw new Error(`not a duration: ${value}`);
  return Math.round(Number(match[1]) * unit);
}
