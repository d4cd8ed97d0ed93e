import type { AnyStep } from '../../rubric/steps/any-step.js';
import { stepFail, stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { runCheck } from './run-check.js';

// Runs observing checks side by side and passes as soon as one of them does.
export function runAnyStep(step: AnyStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const outcomes = step.checks.map((check) => runCheck(check, ctx));
  return new Promise((resolve) => {
    let pending = outcomes.length;
    const failures: StepOutcome[] = [];
    for (const outcome of outcomes) {
      void outcome.then((result) => {
        pending--;
        if (result.ok) resolve(stepOk);
        else failures.push(result);
        if (pending === 0 && failures.length === outcomes.length) resolve(combine(failures));
      });
    }
  });
}

function combine(failures: readonly StepOutcome[]): StepOutcome {
  const parts = failures.flatMap((f) => (f.ok ? [] : [f]));
  return stepFail(
    `any one of:\n  - ${parts.map((p) => p.expected).join('\n  - ')}`,
    parts.map((p) => p.observed).join('\n'),
    [...new Set(parts.flatMap((p) => p.actors ?? []))],
  );
}
