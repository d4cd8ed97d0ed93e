import { answerPrompts } from '../../actors/answer-prompts.js';
import { waitForActor } from '../../actors/wait-for.js';
import type { JoinStep } from '../../rubric/steps/join-step.js';
import { TcpRelay } from '../../wire/tcp-relay.js';
import { UdpRelay } from '../../wire/udp-relay.js';
import { stepError, stepFail, stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { expandTemplate, roomPassword } from '../expand-template.js';
import { missingReference, pickImplementation } from '../pick-implementation.js';
import { launchActor, promptPatterns } from '../launch-actor.js';
import { lastLines } from '../observe.js';
import { compilePattern } from '../../rubric/compile-pattern.js';

// Starts a client behind its own relay, answers its prompts with the relay's address, and
// (unless told not to wait) waits until it says it has joined.
export async function runJoinStep(step: JoinStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const impl = pickImplementation(ctx, step.impl);
  if (impl === undefined) return missingReference(step.as);
  const chatName = expandTemplate(ctx, step.name);
  const password = step.password === undefined ? roomPassword(ctx) : expandTemplate(ctx, step.password);
  const relay = await openRelay(ctx, step.as);
  const values = { host: relay.host, port: String(relay.port), name: chatName, password };
  const actor = await launchActor(ctx, {
    name: step.as,
    role: 'client',
    impl,
    command: expandTemplate(ctx, impl.client, values),
  });
  const prompts = answerPrompts(actor, promptPatterns(impl), values);
  const state = ctx.actors.get(step.as);
  if (state) ctx.actors.set(step.as, { ...state, prompts, chatName, relay });
  if (step.wait === 'none') return stepOk;

  const joined = compilePattern(impl.patterns['joined'] ?? '(?i)joined');
  const hasJoined = (): boolean => joined.test(actor.output.slice(prompts.lastAnswerAt));
  if (await waitForActor(actor, () => hasJoined() || !actor.running, step.within)) {
    if (hasJoined()) return stepOk;
  }
  const expected = `${step.as} to join as "${chatName}" within ${step.within / 1000} s (output matching ${joined.source} after its prompts)`;
  const asked =
    prompts.answered.size === 0 ? 'no prompt was recognised' : `answered: ${[...prompts.answered].join(', ')}`;
  const outcome = actor.exit && prompts.answered.size === 0 ? stepError : stepFail;
  return outcome(expected, `${asked}${lastLines(actor, 8)}`, [step.as, ctx.server?.name ?? 'server']);
}

// Opens a relay of the run's transport for one link, closed when the run ends.
export async function openRelay(
  ctx: ScenarioContext,
  link: string,
): Promise<{ close(): void; sever(): void; host: string; port: number }> {
  const target = () => ctx.server?.bound;
  const relay =
    ctx.rubric.transport === 'udp'
      ? new UdpRelay(link, target, ctx.wire, ctx.faults)
      : new TcpRelay(link, target, ctx.wire, ctx.faults);
  ctx.teardown.push(() => relay.close());
  const address = await relay.listen(ctx.random.loopbackAddress());
  return { close: () => relay.close(), sever: () => relay.sever(), ...address };
}
