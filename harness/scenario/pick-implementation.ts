import type { Implementation } from '../model/implementation.js';
import { stepError, type ScenarioContext, type StepOutcome } from './context.js';

// The program an actor runs: the student's, or the reference's when the step pairs them.
export function pickImplementation(ctx: ScenarioContext, impl: 'student' | 'reference'): Implementation | undefined {
  return impl === 'reference' ? ctx.reference : ctx.student;
}

// A rubric that pairs an actor with the reference, graded without one: sockgrade's own fault.
export function missingReference(actor: string): Promise<StepOutcome> {
  return Promise.resolve(
    stepError(
      `${actor} to run the reference implementation`,
      'no reference was prepared for this run; the rubric needs "reference:"',
    ),
  );
}
