import type { SubmissionResult } from '../model/result.js';

// A saved result with some of its criteria graded again: the fresh verdicts replace theirs, every
// other criterion (and the saved run's facts: path, duration, launch) is kept, the totals are
// recomputed, and the regrade is recorded with its criteria, seed and time.
export function mergeRegrade(
  saved: SubmissionResult,
  fresh: SubmissionResult,
  rubricOrder: readonly string[],
): SubmissionResult {
  const byId = new Map(saved.criteria.map((c) => [c.id, c]));
  for (const criterion of fresh.criteria) byId.set(criterion.id, criterion);
  const rank = (id: string): number => {
    const index = rubricOrder.indexOf(id);
    return index === -1 ? rubricOrder.length : index;
  };
  const criteria = [...byId.values()].sort((a, b) => rank(a.id) - rank(b.id));
  return {
    ...saved,
    ...(fresh.students ? { students: fresh.students } : {}),
    score: criteria.reduce((sum, c) => sum + c.points, 0),
    maxScore: criteria.reduce((sum, c) => sum + c.maxPoints, 0),
    criteria,
    regrades: [
      ...(saved.regrades ?? []),
      { criteria: fresh.criteria.map((c) => c.id), seed: fresh.seed, gradedAt: fresh.gradedAt },
    ],
  };
}
