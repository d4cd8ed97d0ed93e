import { describeExit } from '../../actors/actor.js';
import { waitForActor } from '../../actors/wait-for.js';
import type { RejectedStep } from '../../rubric/steps/rejected-step.js';
import { stepFail, stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { actorNeverStarted } from '../step-messages.js';
import { lastLines } from '../observe.js';
import { compilePattern } from '../../rubric/compile-pattern.js';

// Waits until a client is turned away: it prints the refused pattern after its prompts, or exits.
export async function runRejectedStep(step: RejectedStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const state = ctx.actors.get(step.actor);
  if (!state) return actorNeverStarted(step.actor, `${step.actor} to be refused`);
  const { actor } = state;
  const refused = compilePattern(state.impl.patterns['refused'] ?? '(?i)refused');
  const after = (): string => actor.output.slice(state.prompts?.firstAnswerAt ?? 0);
  const isRefused = (): boolean => refused.test(after()) || !actor.running;
  if (await waitForActor(actor, isRefused, step.within)) {
    actor.note(actor.exit ? `refused: ${describeExit(actor.exit)}` : 'refused: printed the refused pattern');
    return stepOk;
  }
  return stepFail(
    `${step.actor} to be refused within ${step.within / 1000} s (output matching ${refused.source}, or an exit)`,
    `${step.actor} was not refused${lastLines(actor, 8)}`,
    [step.actor, ctx.server?.name ?? 'server'],
  );
}
