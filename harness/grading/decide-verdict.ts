import type { Criterion } from '../rubric/rubric.js';
import type { RunOutcome } from '../sandbox/run-spec.js';
import type { CriterionResult, Status } from '../model/result.js';

// What a criterion's grading came to before points: a run's outcome, or blocked/manual.
export interface Decision {
  readonly status: Status;
  readonly message: string;
  readonly evidence: RunOutcome['evidence'];
  readonly durationMs: number;
  readonly fraction?: number;
}

// Turns an outcome into a scored verdict. A failure that passed on re-run is flaky: no points
// until the lecturer looks, and both runs are told.
export function decideVerdict(criterion: Criterion, outcome: Decision, passedOnRerun?: RunOutcome): CriterionResult {
  const share = partialShare(criterion, outcome);
  let status: Status = passedOnRerun ? 'flaky' : share.status;
  let message = passedOnRerun
    ? `Flaky: failed, then passed when run again with fresh tokens. The failing run: ${outcome.message}`
    : outcome.message;
  // A manual criterion's steps gather evidence (and may rule it out); the lecturer decides the rest.
  if (criterion.grading === 'manual' && status === 'pass') {
    status = 'manual';
    message = 'For the lecturer to grade; the evidence below was gathered automatically.';
  }
  const points = status === 'pass' ? criterion.points : status === 'fail' ? share.points : 0;
  return {
    id: criterion.id,
    title: criterion.title,
    mandatory: criterion.mandatory,
    visibility: criterion.visibility,
    points,
    maxPoints: criterion.points,
    status,
    message,
    ...(status === 'pass' || criterion.hint === undefined ? {} : { hint: criterion.hint }),
    durationMs: outcome.durationMs + (passedOnRerun?.durationMs ?? 0),
    evidence: outcome.evidence,
  };
}

// Partial credit for a measuring step: points in proportion, or a pass at the threshold.
function partialShare(criterion: Criterion, outcome: Decision): { status: Status; points: number } {
  const { fraction } = outcome;
  if (outcome.status !== 'fail' || fraction === undefined || criterion.partial === undefined) {
    return { status: outcome.status, points: 0 };
  }
  if (criterion.partial === 'proportional') {
    return { status: 'fail', points: Math.floor(criterion.points * fraction * 100) / 100 };
  }
  return fraction >= criterion.partial.threshold
    ? { status: 'pass', points: criterion.points }
    : { status: 'fail', points: 0 };
}
