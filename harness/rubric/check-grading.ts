import type { IndexedCriterion } from './collect-rubric-parts.js';
import type { Finding } from '../yaml/yaml-issue.js';

// An automatically graded criterion needs steps to run; a manual one may have none.
export function checkGrading({ index, criterion }: IndexedCriterion): Finding[] {
  if (criterion.grading === 'manual') return [];
  const path = ['criteria', index, 'steps'];
  if (criterion.steps === undefined) {
    return [
      {
        path,
        at: 'value',
        message: 'missing; a criterion graded automatically needs steps (or set "grading: manual")',
      },
    ];
  }
  if (criterion.steps.length === 0) {
    return [
      { path, at: 'value', message: 'expected at least one step, found an empty list (or set "grading: manual")' },
    ];
  }
  return [];
}
