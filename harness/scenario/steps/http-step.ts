import type { HttpStep } from '../../rubric/steps/http-step.js';
import { exchangeHttp, type RawExchange } from '../../wire/http-exchange.js';
import { stepError, stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { describeBytes, describeHttpExpectation, judgeHttpResponse } from '../judge-http-response.js';
import { truncate } from '../observe.js';

// Plays the HTTP client itself, over a raw TCP socket straight to the server's port (the run's own
// loopback): the request in its segments, then the response checked. With clients: N, N
// connections at once, the first holding its request half-sent until the others are answered, so
// a server that serves one connection at a time fails.
export async function runHttpStep(step: HttpStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const bound = ctx.server?.bound;
  if (!bound) return stepError('a running server to send the request to', 'no server has bound a port in this run');
  const request = Buffer.from(step.request, 'utf8');
  const line = truncate(step.request.split(/\r?\n/)[0] ?? '', 80);
  const play: Play = (link, segments, gate, connected) =>
    exchangeHttp(bound.host, bound.port, segments, {
      pauseMs: step.pause,
      withinMs: step.within,
      ...(gate ? { gate } : {}),
      ...(connected ? { connected } : {}),
      record: (dir, bytes) => ctx.wire.add(link, dir, bytes),
    }).then((raw) => {
      const summary = raw.bytes.length === 0 ? `no answer (${raw.end})` : `${describeBytes(raw.bytes)} (${raw.end})`;
      ctx.transcript.push({ t: ctx.clock(), actor: link, stream: 'event', text: `${line} → ${summary}` });
      return raw;
    });
  const expected = describeHttpExpectation(step);
  if (step.clients === 1) {
    const problem = judgeHttpResponse(step, await play('http', cutAt(request, step.split)), step.within);
    return problem === undefined
      ? stepOk
      : { ok: false, status: 'fail', expected, observed: problem, actors: ['http'] };
  }
  return runConcurrently(step, ctx, request, play, expected);
}

// One client's exchange, recorded on the wire log under its link name and summed up in the transcript.
type Play = (
  link: string,
  segments: readonly Buffer[],
  gate?: Promise<void>,
  connected?: () => void,
) => Promise<RawExchange>;

async function runConcurrently(
  step: HttpStep,
  ctx: ScenarioContext,
  request: Buffer,
  play: Play,
  expected: string,
): Promise<StepOutcome> {
  const names = Array.from({ length: step.clients }, (_, i) => `http${String(i + 1).padStart(2, '0')}`);
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const holderCut = step.split[0] ?? Math.floor(request.length / 2);
  // The holder connects first, so a server that accepts in order takes it first and waits on it.
  let connected = (): void => undefined;
  const holderIn = new Promise<void>((resolve) => (connected = resolve));
  const holder = play(
    names[0] ?? 'http01',
    [request.subarray(0, holderCut), request.subarray(holderCut)],
    gate,
    connected,
  );
  await Promise.race([holderIn, holder]);
  const others = await Promise.all(names.slice(1).map((name) => play(name, cutAt(request, step.split))));
  const problems = others.map((raw) => judgeHttpResponse(step, raw, step.within));
  release();
  const held = judgeHttpResponse(step, await holder, step.within);
  const answered = problems.filter((p) => p === undefined).length;
  const right = answered + (held === undefined ? 1 : 0);
  ctx.notes.push(
    `${answered}/${others.length} clients answered while ${names[0]} held its request half-sent; ${right}/${step.clients} responses right`,
  );
  if (right === step.clients) return stepOk;
  const failing = [held, ...problems].flatMap((p, i) => (p === undefined ? [] : [`${names[i]}: ${p}`]));
  const observed = `${answered} of the ${others.length} other clients were answered as expected while ${names[0]} held half its request (${holderCut} bytes)${held === undefined ? '' : `, and ${names[0]} was not`}; ${failing.slice(0, 3).join('; ')}`;
  const all = `${step.clients} clients at once (the first holding half its request until the other ${others.length} are answered), each: ${expected}`;
  return {
    ok: false,
    status: 'fail',
    expected: all,
    observed,
    fraction: right / step.clients,
    actors: names.slice(0, 3),
  };
}

// The request cut into segments at the given byte offsets.
function cutAt(bytes: Buffer, offsets: readonly number[]): Buffer[] {
  const ends = [...offsets.filter((at) => at > 0 && at < bytes.length), bytes.length];
  return ends.map((end, i) => bytes.subarray(i === 0 ? 0 : (ends[i - 1] ?? 0), end));
}
