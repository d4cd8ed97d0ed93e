import type { Criterion } from '../rubric/rubric.js';
import type { RunOutcome } from '../sandbox/run-spec.js';
import type { CriterionResult, Status } from './result.js';

// What a criterion's grading came to before points: a run's outcome, or blocked/manual.
export interface Decision {
  readonly status: Status;
  readonly message: string;
  readonly evidence: RunOutcome['evidence'];
  readonly durationMs: number;
}

// Turns an outcome into a scored verdict. A failure that passed on re-run is flaky: no points
// until the lecturer looks, and both runs are told.
export function decideVerdict(criterion: Criterion, outcome: Decision, passedOnRerun?: RunOutcome): CriterionResult {
  const status: Status = passedOnRerun ? 'flaky' : outcome.status;
  const message = passedOnRerun
    ? `Flaky: failed, then passed when run again with fresh tokens. The failing run: ${outcome.message}`
    : outcome.message;
  return {
    id: criterion.id,
    title: criterion.title,
    mandatory: criterion.mandatory,
    visibility: criterion.visibility,
    points: status === 'pass' ? criterion.points : 0,
    maxPoints: criterion.points,
    status,
    message,
    ...(status === 'pass' || criterion.hint === undefined ? {} : { hint: criterion.hint }),
    durationMs: outcome.durationMs + (passedOnRerun?.durationMs ?? 0),
    evidence: outcome.evidence,
  };
}
