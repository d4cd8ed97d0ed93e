import type { HalfCloseStep, ResetStep } from '../../rubric/steps/hang-up-step.js';
import { stepError, stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { clientNeverConnected } from '../step-messages.js';

// shutdown(SHUT_WR) on a client sockgrade plays: it sends no more, and keeps reading.
export function runHalfCloseStep(step: HalfCloseStep, ctx: ScenarioContext): Promise<StepOutcome> {
  return hangUp(step, ctx, 'half-closed its connection (shutdown SHUT_WR)', (client) => client.halfClose());
}

// Closes a client sockgrade plays with a reset (SO_LINGER 0), as a crashed client's kernel would.
export function runResetStep(step: ResetStep, ctx: ScenarioContext): Promise<StepOutcome> {
  return hangUp(step, ctx, 'reset its connection (RST)', (client) => client.reset());
}

function hangUp(
  step: HalfCloseStep | ResetStep,
  ctx: ScenarioContext,
  what: string,
  act: (client: { halfClose(): void; reset(): void }) => void,
): Promise<StepOutcome> {
  const client = ctx.raw.get(step.client);
  if (!client) return Promise.resolve(clientNeverConnected(step.client, step.line));
  if (client.transport !== 'tcp')
    return Promise.resolve(
      stepError(`a TCP connection to ${step.kind}`, `the rubric's transport is UDP (line ${step.line})`),
    );
  act(client);
  ctx.transcript.push({ t: ctx.clock(), actor: step.client, stream: 'event', text: what });
  return Promise.resolve(stepOk);
}
