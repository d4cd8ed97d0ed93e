import { waitForActor } from '../../actors/wait-for.js';
import type { DeliveredStep } from '../../rubric/steps/delivered-step.js';
import { chooseRecords } from '../excerpt.js';
import { stepFail, stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { actorNeverStarted } from '../step-messages.js';
import { describeQuietEnd, quietPeriod, watchQuiet } from '../watch-quiet.js';

// How long to keep watching once everything has arrived, for late duplicates.
const settleMs = 1000;

// Checks that the last burst reached a client exactly once each and in order. Stops waiting
// for the missing ones before the deadline once every program and link of the run has been
// silent for the quiet period: nobody is retransmitting them.
export async function runDeliveredStep(step: DeliveredStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const state = ctx.actors.get(step.in);
  const tokens = ctx.burstTokens;
  if (!state) return actorNeverStarted(step.in);
  const { actor } = state;
  const allThere = (): boolean => tokens.every((token) => actor.output.includes(token));
  const quietMs = quietPeriod(ctx);
  const quiet = quietMs < step.within ? watchQuiet(ctx, quietMs) : undefined;
  const arrived = await waitForActor(actor, allThere, step.within, quiet?.silent);
  quiet?.stop();
  if (arrived) await waitForActor(actor, () => false, settleMs);
  const counts = tokens.map((token) => actor.output.split(token).length - 1);
  const firstSeen = tokens.map((token) => actor.output.indexOf(token)).filter((at) => at >= 0);
  const delivered = counts.filter((c) => c > 0).length;
  const duplicated = counts.filter((c) => c > 1).length;
  const outOfOrder = firstSeen.filter((at, i) => i > 0 && at < (firstSeen[i - 1] ?? 0)).length;
  const summary = `delivered ${delivered}/${tokens.length}, duplicated ${duplicated}, out of order ${outOfOrder}`;
  ctx.notes.push(`${step.in}: ${summary}`);
  if (delivered === tokens.length && duplicated === 0 && outOfOrder === 0) return stepOk;
  const missing = tokens.map((token, i) => (counts[i] === 0 ? i + 1 : 0)).filter((n) => n > 0);
  const detail =
    missing.length > 0
      ? `; missing message(s) ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`
      : '';
  // The evidence: the burst's datagrams, the faulted ones among them first.
  const burst = Array.from({ length: ctx.wire.records.length - ctx.sendMark }, (_, i) => ctx.sendMark + i);
  return stepFail(
    `${step.in} to print each of the ${tokens.length} messages exactly once, in order, within ${step.within / 1000} s`,
    `${summary}${detail}${quiet?.fired() && !arrived ? describeQuietEnd(quiet, step.within) : ''}`,
    [step.in, ctx.server?.name ?? 'server'],
    chooseRecords(ctx.wire.records, burst),
  );
}
