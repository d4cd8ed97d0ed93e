import { markSend } from '../mark-send.js';
import type { SendStep } from '../../rubric/rubric.js';
import { stepFail, stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { drawToken, expandTemplate } from '../expand-template.js';
import { lastLines } from '../observe.js';

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
  const observed = state
    ? `${step.from} is no longer running${lastLines(state.actor, 6)}`
    : `${step.from} was never started`;
  return Promise.resolve(stepFail(`${step.from} to be running, to type "${text}"`, observed, [step.from]));
}
