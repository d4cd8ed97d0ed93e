import { markSend } from '../mark-send.js';
import type { SendStep } from '../../rubric/steps/send-step.js';
import { stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { actorNeverStarted, actorNoLongerRunning } from '../step-messages.js';
import { drawToken, expandTemplate } from '../expand-template.js';

// Types a chat line, carrying a fresh token, into a client.
export function runSendStep(step: SendStep, ctx: ScenarioContext): Promise<StepOutcome> {
  drawToken(ctx, step.text);
  const text = expandTemplate(ctx, step.text);
  const state = ctx.actors.get(step.from);
  markSend(ctx);
  if (state?.actor.type(text)) return Promise.resolve(stepOk);
  if (step.optional) {
    state?.actor.note(`did not type "${text}": it has already exited`);
    return Promise.resolve(stepOk);
  }
  const expected = `${step.from} to be running, to type "${text}"`;
  return Promise.resolve(
    state ? actorNoLongerRunning(step.from, state.actor, expected) : actorNeverStarted(step.from, expected),
  );
}
