import type { SubmissionResult } from '../model/result.js';
import { computeCriterionStats } from '../report/summarize-results.js';

// The class at a glance, under a batch's lines: the spread of scores and the specs the class
// struggled with most (auto-graded criteria, lowest pass rate first).
export function formatClassSummary(results: readonly SubmissionResult[]): string[] {
  if (results.length === 0) return [];
  const percents = results.map((r) => (r.maxScore === 0 ? 0 : (100 * r.score) / r.maxScore)).sort((a, b) => a - b);
  const mean = percents.reduce((sum, p) => sum + p, 0) / percents.length;
  const middle = percents.length / 2;
  const median =
    percents.length % 2 === 1
      ? (percents[Math.floor(middle)] ?? 0)
      : ((percents[middle - 1] ?? 0) + (percents[middle] ?? 0)) / 2;
  const hardest = computeCriterionStats(results)
    .filter((c) => c.counts.pass + c.counts.fail + c.counts.flaky > 0 && c.maxPoints > 0 && c.passRate < 1)
    .sort((a, b) => a.passRate - b.passRate)
    .slice(0, 3)
    .map((c) => `${c.id} ${Math.round(100 * c.passRate)}%`);
  return [
    `class: ${results.length} submission(s), mean ${Math.round(mean)}%, median ${Math.round(median)}%, lowest ${Math.round(percents[0] ?? 0)}%, highest ${Math.round(percents[percents.length - 1] ?? 0)}%`,
    ...(hardest.length > 0 ? [`least passed: ${hardest.join(', ')}`] : []),
  ];
}
