import type { SendBytesStep } from '../../rubric/steps/send-bytes-step.js';
import { stepError, stepFail, stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { clientNeverConnected } from '../step-messages.js';
import { drawToken, expandTemplate } from '../expand-template.js';
import { markSend } from '../mark-send.js';
import { serverState } from './server-state.js';

// The largest payload one UDP datagram can carry over IPv4.
const maxDatagram = 65_507;

// Sends bytes from a client sockgrade plays: a text (with a fresh token) or seeded random bytes;
// on UDP, one datagram.
export async function runSendBytesStep(step: SendBytesStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const client = ctx.raw.get(step.from);
  if (!client) return clientNeverConnected(step.from, step.line);
  const bytes = payload(step, ctx);
  if (client.transport === 'udp' && bytes.length > maxDatagram) {
    return stepError(
      `a datagram of at most ${maxDatagram} bytes`,
      `the rubric asks for ${bytes.length} bytes in one datagram (line ${step.line})`,
    );
  }
  markSend(ctx);
  const what =
    'text' in step.bytes
      ? JSON.stringify(bytes.toString('utf8').slice(0, 80))
      : `${bytes.length} ${step.bytes.content} bytes`;
  ctx.transcript.push({ t: ctx.clock(), actor: step.from, stream: 'stdin', text: `sends ${what}` });
  if (client.send(bytes)) return stepOk;
  return stepFail(
    `${step.from}'s connection to be open to send`,
    `the server had already closed it${await serverState(ctx)}`,
    [ctx.server?.name ?? 'server'],
  );
}

function payload(step: SendBytesStep, ctx: ScenarioContext): Buffer {
  if ('text' in step.bytes) {
    drawToken(ctx, step.bytes.text);
    return Buffer.from(expandTemplate(ctx, step.bytes.text), 'utf8');
  }
  const random = ctx.random.bytes(step.bytes.size);
  if (step.bytes.content === 'binary') return random;
  const alphabet = Buffer.from('abcdefghijklmnopqrstuvwxyz0123456789 ');
  return Buffer.from(random.map((byte) => alphabet[byte % alphabet.length] ?? 0x61));
}
