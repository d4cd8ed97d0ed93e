import type { ClosedStep } from '../../rubric/steps/closed-step.js';
import { stepError, stepFail, stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { clientNeverConnected } from '../step-messages.js';
import { waitForRaw } from '../raw-client.js';
import { describeBytes } from '../describe-bytes.js';
import { serverState } from './server-state.js';

// Passes when the server closes the connection of a client sockgrade plays, in an orderly way
// (FIN), after sending it at least minBytes: a greeting server hangs up, an echo server ends
// after its client half-closes.
export async function runClosedStep(step: ClosedStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const client = ctx.raw.get(step.in);
  if (!client) return clientNeverConnected(step.in, step.line);
  if (client.transport !== 'tcp')
    return stepError('a TCP connection to watch close', `the rubric's transport is UDP (line ${step.line})`);
  await waitForRaw(client, () => client.ended !== 'open', step.within);
  const got = client.gotBytes;
  const sent = step.minBytes > 0 ? ` after sending at least ${step.minBytes} byte(s)` : '';
  const expected = `the server to close ${step.in}'s connection${sent} within ${step.within / 1000} s`;
  const received = got.length === 0 ? 'nothing' : describeBytes(got);
  const actors = [ctx.server?.name ?? 'server', step.in];
  if (client.ended === 'open')
    return stepFail(
      expected,
      `it was still open; ${step.in} had received ${received}${await serverState(ctx)}`,
      actors,
    );
  if (client.ended === 'reset')
    return stepFail(expected, `it was reset, not closed; ${step.in} had received ${received}`, actors);
  if (got.length < step.minBytes)
    return stepFail(expected, `it closed after sending ${received}${await serverState(ctx)}`, actors);
  return stepOk;
}
