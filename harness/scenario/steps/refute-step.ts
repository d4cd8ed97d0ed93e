import { waitForActor } from '../../actors/wait-for.js';
import type { RefuteStep } from '../../rubric/steps/refute-step.js';
import { stepFail, stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { actorNeverStarted } from '../step-messages.js';
import { buildMatcher } from '../match-output.js';
import { truncate } from '../observe.js';
import { firstTrue } from '../first-true.js';

// Watches the listed actors for a while: the step fails the moment any of them prints what it must not.
export async function runRefuteStep(step: RefuteStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const matcher = buildMatcher(step, ctx);
  const expected = `${step.in.join(', ')} never to print ${matcher.describe} (watched for ${step.for / 1000} s)`;
  const absent = step.in.find((name) => !ctx.actors.has(name));
  if (absent !== undefined) return actorNeverStarted(absent, expected);
  const states = step.in.flatMap((name) => {
    const state = ctx.actors.get(name);
    return state ? [{ name, actor: state.actor }] : [];
  });
  const hit = await firstTrue(states.map(({ actor }) => waitForActor(actor, () => matcher.test(actor), step.for)));
  if (!hit) return stepOk;
  const observed = states
    .filter(({ actor }) => matcher.test(actor))
    .map(({ name, actor }) => `${name} printed: ${truncate(matcher.find(actor) ?? '', 200)}`)
    .join('\n');
  return stepFail(expected, observed, step.in);
}
