import type { ConnectStep } from '../../rubric/steps/connect-step.js';
import { stepError, stepFail, stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { RawClient } from '../raw-client.js';
import { serverState } from './server-state.js';
import { openRelay } from './join-step.js';

// Opens a client of sockgrade's own, in the run's namespace, through a relay of its own: a TCP
// connection to the server, or a UDP socket that sends to it. No student client is involved.
export async function runConnectStep(step: ConnectStep, ctx: ScenarioContext): Promise<StepOutcome> {
  if (ctx.raw.has(step.as) || ctx.actors.has(step.as))
    return stepError(`a new client named ${step.as}`, `${step.as} is already in this run (line ${step.line})`);
  const relay = await openRelay(ctx, step.as);
  const transport = ctx.rubric.transport;
  const client =
    transport === 'tcp'
      ? await RawClient.connectTcp(relay.host, relay.port)
      : await RawClient.openUdp(relay.host, relay.port);
  if (typeof client === 'string') {
    return stepFail(
      `${step.as} to connect to the server`,
      `the connection failed: ${client}${await serverState(ctx)}`,
      [ctx.server?.name ?? 'server'],
    );
  }
  ctx.teardown.push(() => client.close());
  ctx.raw.set(step.as, client);
  ctx.transcript.push({
    t: ctx.clock(),
    actor: step.as,
    stream: 'event',
    text: `sockgrade's own ${transport.toUpperCase()} client, via ${relay.host}:${relay.port}`,
  });
  return stepOk;
}
