import type { CriterionResult } from '../model/result.js';

// The one error every criterion ended in (a submission that could not be graded at all: an empty
// folder, a syntax error), or undefined; reports then say it once instead of once per criterion.
export function findCommonFailure(criteria: readonly CriterionResult[]): CriterionResult | undefined {
  const [first, ...rest] = criteria;
  if (first === undefined || rest.length === 0 || first.status !== 'error') return undefined;
  return rest.every((c) => c.status === 'error' && c.message === first.message) ? first : undefined;
}

// The heading reports give that one error.
export function describeCommonFailure(count: number): string {
  return `Not graded: all ${count} criteria ended in the same error`;
}

// What every criterion but the first says in formats with one entry per criterion (JUnit, TAP,
// Gradescope), where the first carries the error itself.
export function describeSameErrorAs(common: CriterionResult): string {
  return `The same error as ${common.id}: this submission could not be graded at all (the reason is given once, under ${common.id}).`;
}
