import { waitForActor } from '../../actors/wait-for.js';
import type { ExpectStep } from '../../rubric/steps/expect-step.js';
import { stepFail, stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { actorNeverStarted } from '../step-messages.js';
import { buildMatcher } from '../match-output.js';
import { lastLines } from '../observe.js';
import { firstTrue } from '../first-true.js';
import { describeQuietEnd, quietPeriod, watchQuiet } from '../watch-quiet.js';

// Waits until the listed actors print the text or pattern: all of them, or any one. Ends before
// its deadline once every program and link of the run has been silent for the quiet period:
// nothing is left that could print it.
export async function runExpectStep(step: ExpectStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const matcher = buildMatcher(step, ctx);
  const who = step.mode === 'any' ? `one of ${step.in.join(', ')}` : step.in.join(' and ');
  const expected = `${who} to print ${matcher.describe} within ${step.within / 1000} s`;
  const absent = step.in.find((name) => !ctx.actors.has(name));
  if (absent !== undefined) return actorNeverStarted(absent, expected);
  const actors = step.in.flatMap((name) => {
    const state = ctx.actors.get(name);
    return state ? [{ name, state }] : [];
  });
  const quietMs = quietPeriod(ctx);
  const quiet = quietMs < step.within ? watchQuiet(ctx, quietMs) : undefined;
  const waits = actors.map(({ state }) =>
    waitForActor(state.actor, () => matcher.test(state.actor), step.within, quiet?.silent),
  );
  const seen = step.mode === 'any' ? [await firstTrue(waits)] : await Promise.all(waits);
  quiet?.stop();
  if (seen.every(Boolean)) return stepOk;
  const missing = actors.filter((_, i) => step.mode === 'any' || !seen[i]);
  const observed = missing.map(({ name, state }) => `${name} did not print it${lastLines(state.actor, 6)}`).join('\n');
  const early = quiet?.fired() ? describeQuietEnd(quiet, step.within) : '';
  return stepFail(expected, `${observed}${early}`, step.in);
}
