import { findBoundSocket } from '../../actors/discover-port.js';
import { pollUntil } from '../../actors/wait-for.js';
import type { StartStep } from '../../rubric/rubric.js';
import { stepError, stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { launchActor } from '../launch-actor.js';
import { lastLines } from '../observe.js';
import { missingReference, pickImplementation } from '../pick-implementation.js';

// Starts the server and waits until it has bound a socket of the rubric's transport.
export async function runStartStep(step: StartStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const impl = pickImplementation(ctx, step.impl);
  if (impl === undefined) return missingReference(step.actor);
  const previous = ctx.actors.get(step.actor);
  const actor = await launchActor(ctx, {
    name: step.actor,
    role: 'server',
    impl,
    command: impl.server,
    ...(previous ? { workdir: previous.workdir } : {}),
  });
  ctx.server = { name: step.actor, bound: undefined };
  return awaitBinding(ctx, step.actor, step.within);
}

// Finds the socket the server bound, or says why there is none.
export async function awaitBinding(ctx: ScenarioContext, name: string, withinMs: number): Promise<StepOutcome> {
  const state = ctx.actors.get(name);
  if (!state) return stepError(`${name} to be running`, `${name} was never started`);
  const { actor } = state;
  const pid = actor.pid;
  const bound =
    pid === undefined
      ? undefined
      : await pollUntil(() => findBoundSocket(pid, ctx.rubric.transport), withinMs, () => !actor.running);
  if (bound) {
    ctx.server = { name, bound };
    actor.note(`bound ${ctx.rubric.transport} ${bound.host}:${bound.port}`);
    return stepOk;
  }
  const expected = `${name} to bind a ${ctx.rubric.transport.toUpperCase()} port within ${withinMs / 1000} s`;
  if (actor.exit) {
    return stepError(expected, `${name} ended before binding a port${lastLines(actor, 6)}`, [name]);
  }
  return stepError(expected, `${name} is running but bound no ${ctx.rubric.transport.toUpperCase()} port${lastLines(actor, 6)}`, [name]);
}
