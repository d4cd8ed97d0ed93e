import { markSend } from '../mark-send.js';
import type { BurstStep } from '../../rubric/steps/burst-step.js';
import { stepFail, stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { actorNeverStarted } from '../step-messages.js';
import { drawToken, expandTemplate } from '../expand-template.js';
import { lastLines } from '../observe.js';

// Types many chat lines at once, each with a fresh token and its number, without waiting.
export function runBurstStep(step: BurstStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const state = ctx.actors.get(step.from);
  const tokens: string[] = [];
  markSend(ctx);
  for (let n = 1; n <= step.count; n++) {
    drawToken(ctx, step.text);
    const text = expandTemplate(ctx, step.text, { n: String(n) });
    if (!state?.actor.type(text)) {
      const expected = `${step.from} to take ${step.count} chat lines`;
      if (!state) return Promise.resolve(actorNeverStarted(step.from, expected));
      const observed = `${step.from} stopped after ${n - 1} line(s)${lastLines(state.actor, 6)}`;
      return Promise.resolve(stepFail(expected, observed, [step.from]));
    }
    tokens.push(ctx.lastToken ?? text);
  }
  ctx.burstTokens = tokens;
  return Promise.resolve(stepOk);
}
