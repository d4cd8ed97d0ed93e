import type { ScenarioContext, StepOutcome } from './context.js';
import { stepError } from './context.js';
import { runStep } from './step-handlers.js';

// Where a scenario stopped: the outcome, and the index of the step that decided it.
export interface ScenarioEnd {
  readonly outcome: StepOutcome;
  readonly step: number | undefined;
  readonly at: number; // clock() when it was decided
}

// Plays a criterion's steps in order until one fails, a fatal event ends the run, or the run's
// deadline passes; then tears down everything the steps started, last first.
export async function runScenario(
  ctx: ScenarioContext,
  fatal: Promise<StepOutcome>,
  deadlineMs: number,
): Promise<ScenarioEnd> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<StepOutcome>((resolve) => {
    timer = setTimeout(
      () =>
        resolve(
          stepError(`the run to finish within ${deadlineMs / 1000} s`, 'the run took longer; its actors were stopped'),
        ),
      deadlineMs,
    );
  });
  try {
    const steps = ctx.criterion.steps;
    for (let index = 0; index < steps.length; index++) {
      const step = steps[index];
      if (step === undefined) continue;
      const outcome = await Promise.race([runStep(step, ctx), fatal, deadline]);
      if (!outcome.ok) return { outcome, step: index, at: ctx.clock() };
    }
    return { outcome: { ok: true }, step: undefined, at: ctx.clock() };
  } finally {
    clearTimeout(timer);
    for (const teardown of ctx.teardown.reverse()) await teardown();
  }
}
