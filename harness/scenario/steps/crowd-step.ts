import { waitForActor } from '../../actors/wait-for.js';
import type { CrowdStep } from '../../rubric/steps/crowd-step.js';
import { stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { drawToken, expandTemplate } from '../expand-template.js';
import { runJoinStep } from './join-step.js';

// A crowd joins at once and everyone talks: every member must print every other member's
// messages. The share delivered is the step's fraction, for partial credit.
export async function runCrowdStep(step: CrowdStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const names = Array.from({ length: step.size }, (_, i) => `c${String(i + 1).padStart(2, '0')}`);
  const joins = await Promise.all(
    names.map((name) =>
      runJoinStep(
        {
          kind: 'join',
          as: name,
          name,
          password: undefined,
          wait: 'joined',
          impl: 'student',
          within: ctx.rubric.timeouts.join,
          line: step.line,
        },
        ctx,
      ),
    ),
  );
  const joined = names.filter((_, i) => joins[i]?.ok);
  const sent = new Map<string, string[]>();
  for (let round = 1; round <= step.messages; round++) {
    for (const name of joined) {
      drawToken(ctx, '{token}');
      const text = expandTemplate(ctx, `${name} nomor ${round} {token}`);
      if (ctx.actors.get(name)?.actor.type(text)) sent.set(name, [...(sent.get(name) ?? []), ctx.lastToken ?? text]);
    }
  }
  const heard = (listener: string): string[] =>
    [...sent.entries()].filter(([speaker]) => speaker !== listener).flatMap(([, tokens]) => tokens);
  await Promise.all(
    joined.map((name) => {
      const actor = ctx.actors.get(name)?.actor;
      const tokens = heard(name);
      return actor ? waitForActor(actor, () => tokens.every((t) => actor.output.includes(t)), step.within) : false;
    }),
  );
  const expected = step.size * (step.size - 1) * step.messages;
  let delivered = 0;
  const short: string[] = [];
  for (const name of names) {
    const output = ctx.actors.get(name)?.actor.output ?? '';
    const tokens = heard(name);
    const got = tokens.filter((t) => output.includes(t)).length;
    delivered += got;
    if (got < (step.size - 1) * step.messages) short.push(`${name} ${got}/${(step.size - 1) * step.messages}`);
  }
  const summary = `${joined.length}/${step.size} joined; ${delivered}/${expected} deliveries`;
  ctx.notes.push(summary);
  if (delivered === expected) return stepOk;
  return {
    ok: false,
    status: 'fail',
    fraction: delivered / expected,
    expected: `all ${step.size} clients to join and each to print the other ${step.size - 1} clients' ${step.messages} messages within ${step.within / 1000} s`,
    observed: `${summary}; short: ${short.slice(0, 12).join(', ')}`,
    actors: [ctx.server?.name ?? 'server', ...short.slice(0, 3).map((s) => s.split(' ')[0] ?? '')],
  };
}
