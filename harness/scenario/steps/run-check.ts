import type { CheckStep } from '../../rubric/steps/any-step.js';
import type { ScenarioContext, StepOutcome } from '../context.js';
import { runExpectStep } from './expect-step.js';
import { runRefuteStep } from './refute-step.js';
import { runWireStep } from './wire-step.js';

// Runs one of the observing steps that "any" may combine.
export function runCheck(check: CheckStep, ctx: ScenarioContext): Promise<StepOutcome> {
  switch (check.kind) {
    case 'expect':
      return runExpectStep(check, ctx);
    case 'refute':
      return runRefuteStep(check, ctx);
    case 'wire':
      return runWireStep(check, ctx);
    default: {
      const unreachable: never = check;
      return unreachable;
    }
  }
}
