import type { SubmissionResult } from '../model/result.js';
import { revealName } from '../model/escape-text.js';
import { formatPoints } from '../report/format-values.js';

// The lines --min-score prints when submissions fall below it: one per submission, lowest
// score first, then how many; none when every submission reaches it.
export function formatBelowMinScore(results: readonly SubmissionResult[], minScore: number): string[] {
  const below = results
    .filter((r) => r.score < minScore)
    .sort((a, b) => a.score - b.score || a.submission.localeCompare(b.submission));
  if (below.length === 0) return [];
  return [
    ...below.map(
      (r) =>
        `below --min-score ${formatPoints(minScore)}: ${revealName(r.submission)} scored ${formatPoints(r.score)}/${formatPoints(r.maxScore)}`,
    ),
    `${below.length} of ${results.length} submission(s) scored below --min-score ${formatPoints(minScore)}`,
  ];
}
