import type { EchoedStep } from '../../rubric/steps/echoed-step.js';
import { stepFail, stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { clientNeverConnected } from '../step-messages.js';
import { waitForRaw, type RawClient } from '../raw-client.js';
import { describeBytes } from '../describe-bytes.js';
import { serverState } from './server-state.js';

// Passes when everything a client sockgrade plays has sent since the last such check came back to
// it, byte for byte: on TCP the same stream in order and nothing more; on UDP each datagram once,
// whole, and none that this client did not send (another client's echo, a truncated one).
export async function runEchoedStep(step: EchoedStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const client = ctx.raw.get(step.in);
  if (!client) return clientNeverConnected(step.in, step.line);
  return client.transport === 'tcp' ? checkStream(step, ctx, client) : checkDatagrams(step, ctx, client);
}

async function checkStream(step: EchoedStep, ctx: ScenarioContext, client: RawClient): Promise<StepOutcome> {
  const expected = Buffer.concat(client.sent.slice(client.sentChecked));
  const base = client.gotChecked;
  const back = (): Buffer => client.gotBytes.subarray(base);
  const differs = (): boolean => {
    const got = back();
    const n = Math.min(got.length, expected.length);
    return !got.subarray(0, n).equals(expected.subarray(0, n));
  };
  await waitForRaw(client, () => back().length >= expected.length || differs() || client.ended !== 'open', step.within);
  const got = back();
  const what = `the ${expected.length} bytes ${step.in} sent (${describeBytes(expected)}) to come back to it unchanged within ${step.within / 1000} s`;
  const actors = [ctx.server?.name ?? 'server', step.in];
  if (got.length >= expected.length && !differs()) {
    if (got.length > expected.length)
      return stepFail(
        what,
        `they did, followed by ${got.length - expected.length} more bytes: ${describeBytes(got.subarray(expected.length))}`,
        actors,
      );
    client.sentChecked = client.sent.length;
    client.gotChecked = base + expected.length;
    return stepOk;
  }
  const at = firstDifference(got, expected);
  const ended =
    client.ended === 'open' ? '' : `; the server ${client.ended === 'reset' ? 'reset' : 'closed'} the connection`;
  const observed =
    at < got.length
      ? `${got.length} bytes came back, differing from byte ${at} on: ${describeBytes(got.subarray(at))} instead of ${describeBytes(expected.subarray(at))}`
      : `only ${got.length} of the ${expected.length} bytes came back${got.length > 0 ? ` (${describeBytes(got)})` : ''}`;
  return stepFail(what, `${observed}${ended}${await serverState(ctx)}`, actors);
}

async function checkDatagrams(step: EchoedStep, ctx: ScenarioContext, client: RawClient): Promise<StepOutcome> {
  const expected = client.sent.slice(client.sentChecked);
  const base = client.gotChecked;
  await waitForRaw(client, () => client.got.length - base >= expected.length, step.within);
  const back = client.got.slice(base);
  const unmatched = [...back];
  const missing = expected.filter((datagram) => {
    const at = unmatched.findIndex((b) => b.equals(datagram));
    if (at >= 0) unmatched.splice(at, 1);
    return at < 0;
  });
  client.sentChecked = client.sent.length;
  client.gotChecked = client.got.length;
  if (missing.length === 0 && unmatched.length === 0) return stepOk;
  const what = `each of the ${expected.length} datagram(s) ${step.in} sent to come back to its address and port, whole and once, within ${step.within / 1000} s`;
  const parts = [
    missing.length > 0
      ? `${missing.length} never came back (${missing.slice(0, 3).map(describeBytes).join('; ')})`
      : '',
    unmatched.length > 0
      ? `${unmatched.length} it did not send arrived (${unmatched
          .slice(0, 3)
          .map((b) => describeArrival(b, missing))
          .join('; ')})`
      : '',
  ].filter((p) => p !== '');
  return stepFail(what, `${parts.join('; ')}${await serverState(ctx)}`, [ctx.server?.name ?? 'server', step.in]);
}

// An unexpected datagram, named as the cut-off start of a sent one when it is (a short recvfrom() buffer).
function describeArrival(datagram: Buffer, missing: readonly Buffer[]): string {
  const cut = missing.find(
    (sent) =>
      datagram.length > 0 && sent.length > datagram.length && sent.subarray(0, datagram.length).equals(datagram),
  );
  return cut
    ? `${describeBytes(datagram)}: the first ${datagram.length} of the ${cut.length} bytes sent, cut short`
    : describeBytes(datagram);
}

// The first offset where two byte strings differ (the shorter one's length when one is a prefix).
function firstDifference(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}
