// Numbers as people read them in reports: no float noise, units spelled out.

// Points with at most two decimals and no trailing zeros: 7, 2.5, 3.33.
export function formatPoints(points: number): string {
  return String(Math.round(points * 100) / 100);
}

// A share of the maximum as a whole percentage; an empty maximum counts as 100 %.
export function formatPercent(points: number, maxPoints: number): string {
  return `${Math.round(toPercent(points, maxPoints))}%`;
}

// The share of the maximum from 0 to 100.
export function toPercent(points: number, maxPoints: number): number {
  return maxPoints > 0 ? Math.min(100, Math.max(0, (points / maxPoints) * 100)) : 100;
}

// A duration as "340 ms", "4.2 s" or "3 min 5 s".
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}

// A moment of a run, in seconds since it started, with millisecond precision: "+1.204s".
export function formatRunTime(ms: number): string {
  return `+${(ms / 1000).toFixed(3)}s`;
}

// Points out of a maximum: "7/10", "2.5/5".
export function formatScore(points: number, maxPoints: number): string {
  return `${formatPoints(points)}/${formatPoints(maxPoints)}`;
}

// A count with its noun: "1 record", "3 records".
export function formatCount(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

// How a submission's programs were contained: "netns (bubblewrap)", "none"; results saved before
// sandboxes were recorded show the isolation alone.
export function formatIsolation(harness: {
  readonly isolation: string;
  readonly sandbox?: string | undefined;
}): string {
  return harness.sandbox === undefined || harness.sandbox === 'none'
    ? harness.isolation
    : `${harness.isolation} (${harness.sandbox})`;
}
