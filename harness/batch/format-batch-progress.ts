// How far a batch has come: criteria and submissions graded of how many.
export interface BatchProgress {
  readonly criteriaDone: number;
  readonly criteriaTotal: number;
  readonly submissionsDone: number;
  readonly submissionsTotal: number;
}

// A duration as a person reads it at a glance: "12s", "1m12s", "1h05m".
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

// The time the rest of the criteria should take at the pace so far; undefined before the first is done.
export function estimateRemainingMs(progress: BatchProgress, elapsedMs: number): number | undefined {
  if (progress.criteriaDone === 0) return undefined;
  const left = Math.max(0, progress.criteriaTotal - progress.criteriaDone);
  return (elapsedMs / progress.criteriaDone) * left;
}

// The estimate, rounded as loosely as it deserves: "about 40s left", "about 4m left", "about 1h05m left".
export function formatEstimate(remainingMs: number | undefined): string {
  if (remainingMs === undefined) return 'no estimate yet';
  const seconds = Math.round(remainingMs / 1000);
  if (seconds < 60) return `about ${Math.max(1, seconds)}s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes}m left`;
  return `about ${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m left`;
}

// "57/399 criteria, 2/21 submissions, 1m12s elapsed, about 4m left": the progress line's text and the bar's.
export function formatBatchProgress(progress: BatchProgress, elapsedMs: number): string {
  const estimate =
    progress.criteriaDone >= progress.criteriaTotal
      ? 'finishing'
      : formatEstimate(estimateRemainingMs(progress, elapsedMs));
  return `${progress.criteriaDone}/${progress.criteriaTotal} criteria, ${progress.submissionsDone}/${progress.submissionsTotal} submissions, ${formatElapsed(elapsedMs)} elapsed, ${estimate}`;
}
