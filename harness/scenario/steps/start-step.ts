import { answerPrompts } from '../../actors/answer-prompts.js';
import { findBoundSocket } from '../../actors/discover-port.js';
import { pollUntil } from '../../actors/wait-for.js';
import type { StartStep } from '../../rubric/steps/start-step.js';
import { pickServerPort } from '../../sandbox/pick-server-port.js';
import type { Implementation } from '../../model/implementation.js';
import { stepError, stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { actorNeverStarted } from '../step-messages.js';
import { expandTemplate } from '../expand-template.js';
import { launchActor, promptPatterns } from '../launch-actor.js';
import { lastLines } from '../observe.js';
import { missingReference, pickImplementation } from '../pick-implementation.js';

// The address a server is told to listen on, in its command or at its prompt.
const serverHost = '127.0.0.1';

// Starts the server and waits until it has bound a socket of the rubric's transport.
export async function runStartStep(step: StartStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const impl = pickImplementation(ctx, step.impl);
  if (impl === undefined) return missingReference(step.actor);
  const previous = ctx.actors.get(step.actor);
  return launchServer(ctx, step.actor, impl, previous?.workdir, step.within);
}

// Launches a server (again, in the same working copy, for a restart) and waits for its socket.
// A server that takes its port from the harness ({port} in its command, or a port prompt) gets
// one the harness chose, the same one each time it starts; its host, port and password prompts
// are answered until it binds.
export async function launchServer(
  ctx: ScenarioContext,
  name: string,
  impl: Implementation,
  workdir: string | undefined,
  withinMs: number,
): Promise<StepOutcome> {
  ctx.serverPort ??= await pickServerPort(ctx.rubric.transport);
  ctx.server = { name, bound: undefined };
  const values = { host: serverHost, port: String(ctx.serverPort), password: impl.password };
  const actor = await launchActor(ctx, {
    name,
    role: 'server',
    impl,
    command: expandTemplate(ctx, impl.server, values),
    ...(workdir === undefined ? {} : { workdir }),
  });
  const prompts = answerPrompts(actor, promptPatterns(impl, ['name']), { ...values, name: '' });
  const outcome = await awaitBinding(ctx, name, withinMs);
  prompts.stop();
  if (ctx.server?.bound?.port !== ctx.serverPort) ctx.serverOwnPort = true;
  return outcome;
}

// Finds the socket the server bound, or says why there is none.
export async function awaitBinding(ctx: ScenarioContext, name: string, withinMs: number): Promise<StepOutcome> {
  const state = ctx.actors.get(name);
  if (!state) return actorNeverStarted(name);
  const { actor } = state;
  const pid = actor.pid;
  const bound =
    pid === undefined
      ? undefined
      : await pollUntil(
          () => findBoundSocket(pid, ctx.rubric.transport),
          withinMs,
          () => !actor.running,
        );
  if (bound) {
    ctx.server = { name, bound };
    actor.note(`bound ${ctx.rubric.transport} ${bound.host}:${bound.port}`);
    return stepOk;
  }
  const expected = `${name} to bind a ${ctx.rubric.transport.toUpperCase()} port within ${withinMs / 1000} s`;
  if (actor.exit) {
    return stepError(expected, `${name} ended before binding a port${lastLines(actor, 6)}`, [name]);
  }
  return stepError(
    expected,
    `${name} is running but bound no ${ctx.rubric.transport.toUpperCase()} port${lastLines(actor, 6)}`,
    [name],
  );
}
