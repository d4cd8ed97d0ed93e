import { joinRoster } from '../roster/join-roster.js';
import type { BatchSummary, Isolation, Status, SubmissionResult } from '../model/result.js';
import { statusOrder } from './describe-status.js';

// How the class did on one criterion: counts per status and the share that passed.
export interface CriterionStats {
  readonly id: string;
  readonly title: string;
  readonly maxPoints: number;
  readonly hidden: boolean;
  readonly counts: Readonly<Record<Status, number>>;
  readonly total: number;
  readonly passRate: number; // 0..1
}

// The criteria of a batch in rubric order (first seen first), with the class's results on each.
export function computeCriterionStats(results: readonly SubmissionResult[]): CriterionStats[] {
  const byId = new Map<
    string,
    { id: string; title: string; maxPoints: number; hidden: boolean; counts: Record<Status, number> }
  >();
  for (const result of results) {
    for (const criterion of result.criteria) {
      let entry = byId.get(criterion.id);
      if (entry === undefined) {
        const counts = Object.fromEntries(statusOrder.map((status) => [status, 0])) as Record<Status, number>;
        entry = {
          id: criterion.id,
          title: criterion.title,
          maxPoints: criterion.maxPoints,
          hidden: criterion.visibility === 'hidden',
          counts,
        };
        byId.set(criterion.id, entry);
      }
      entry.counts[criterion.status] += 1;
    }
  }
  return [...byId.values()].map((entry) => {
    const total = statusOrder.reduce((sum, status) => sum + entry.counts[status], 0);
    return { ...entry, total, passRate: total === 0 ? 0 : entry.counts.pass / total };
  });
}

function weakestIsolation(results: readonly SubmissionResult[]): Isolation {
  return results.some((result) => result.harness.isolation === 'none') ? 'none' : 'netns';
}

// The batch summary of these results: an earlier summary's seed and duration are kept, scores recomputed.
export function summarizeResults(results: readonly SubmissionResult[], previous?: BatchSummary): BatchSummary {
  const seeds = new Set(results.map((result) => result.seed));
  const [firstSeed] = seeds;
  const roster = previous?.roster;
  const joined = roster ? joinRoster(roster, results) : undefined;
  return {
    rubric: previous?.rubric ?? results[0]?.rubric ?? '',
    seed: previous?.seed ?? (seeds.size === 1 && firstSeed !== undefined ? firstSeed : 'per submission'),
    isolation: previous?.isolation ?? weakestIsolation(results),
    durationMs: previous?.durationMs ?? results.reduce((longest, result) => Math.max(longest, result.durationMs), 0),
    submissions: results.map((result) => ({
      submission: result.submission,
      score: result.score,
      maxScore: result.maxScore,
      statuses: Object.fromEntries(result.criteria.map((criterion) => [criterion.id, criterion.status])),
    })),
    ...(previous?.similar
      ? {
          similar: previous.similar.filter(
            (p) => results.some((r) => r.submission === p.a) && results.some((r) => r.submission === p.b),
          ),
        }
      : {}),
    ...(roster && joined
      ? {
          roster,
          missing: joined.rows.filter((row) => row.status === 'missing').map((row) => row.student.id),
          unmatched: joined.unmatched.map((result) => result.submission),
        }
      : {}),
  };
}
