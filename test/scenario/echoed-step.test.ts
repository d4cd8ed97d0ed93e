import dgram from 'node:dgram';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { EchoedStep } from '../../harness/rubric/steps/echoed-step.js';
import type { ScenarioContext } from '../../harness/scenario/context.js';
import { describeBytes } from '../../harness/scenario/describe-bytes.js';
import { RawClient } from '../../harness/scenario/raw-client.js';
import { runClosedStep } from '../../harness/scenario/steps/closed-step.js';
import { runEchoedStep } from '../../harness/scenario/steps/echoed-step.js';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

// The parts of a run's context the echoed and closed steps read: the clients sockgrade plays, and no server actor.
function context(clients: Record<string, RawClient>): ScenarioContext {
  return { raw: new Map(Object.entries(clients)), actors: new Map(), server: undefined } as unknown as ScenarioContext;
}

const echoed = (within = 2_000): EchoedStep => ({ kind: 'echoed', in: 'alice', within, line: 7 });

// A TCP server on loopback that answers each read as the given function says, and closes after the client's FIN.
async function tcpServer(answer: (bytes: Buffer) => Buffer): Promise<number> {
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    socket.on('data', (chunk) => socket.write(answer(chunk)));
    socket.on('end', () => socket.end());
    socket.on('error', () => undefined);
  });
  closers.push(() => server.close());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

async function tcpClient(port: number): Promise<RawClient> {
  const client = await RawClient.connectTcp('127.0.0.1', port);
  if (typeof client === 'string') throw new Error(client);
  closers.push(() => client.close());
  return client;
}

describe('the echoed and closed steps', () => {
  it('pass on a TCP echo, and say where a reply with a prefix differs', async () => {
    const alice = await tcpClient(await tcpServer((bytes) => bytes));
    alice.send(Buffer.from('halo 1\n'));
    expect(await runEchoedStep(echoed(), context({ alice }))).toEqual({ ok: true });
    const bob = await tcpClient(await tcpServer((bytes) => Buffer.concat([Buffer.from('Echo: '), bytes])));
    bob.send(Buffer.from('halo 2\n'));
    const outcome = await runEchoedStep({ ...echoed(), in: 'bob' }, context({ bob }));
    expect(outcome).toMatchObject({
      ok: false,
      status: 'fail',
      expected: 'the 7 bytes bob sent (7 B "halo 2\\n") to come back to it unchanged within 2 s',
      observed: '13 bytes came back, differing from byte 0 on: 13 B "Echo: halo 2\\n" instead of 7 B "halo 2\\n"',
    });
  });

  it('after a half-close, see the server close; a server that stays silent is named so', async () => {
    const alice = await tcpClient(await tcpServer((bytes) => bytes));
    alice.send(Buffer.from([0, 255, 10, 200]));
    alice.halfClose();
    expect(await runEchoedStep(echoed(), context({ alice }))).toEqual({ ok: true });
    expect(
      await runClosedStep({ kind: 'closed', in: 'alice', minBytes: 1, within: 2_000, line: 9 }, context({ alice })),
    ).toEqual({ ok: true });
    const bob = await tcpClient(await tcpServer(() => Buffer.alloc(0)));
    bob.send(Buffer.from([0, 255, 10, 200]));
    expect(await runEchoedStep({ ...echoed(300), in: 'bob' }, context({ bob }))).toMatchObject({
      expected: 'the 4 bytes bob sent (4 B, hex 00ff0ac8) to come back to it unchanged within 0.3 s',
      observed: 'only 0 of the 4 bytes came back',
    });
    expect(
      await runClosedStep({ kind: 'closed', in: 'bob', minBytes: 1, within: 300, line: 9 }, context({ bob })),
    ).toMatchObject({
      expected: "the server to close bob's connection after sending at least 1 byte(s) within 0.3 s",
      observed: 'it was still open; bob had received nothing',
    });
  });

  it('name a UDP datagram that came back cut short', async () => {
    const server = dgram.createSocket('udp4');
    closers.push(() => server.close());
    server.on('message', (msg, from) => server.send(msg.subarray(0, 4), from.port, from.address));
    await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve));
    const alice = await RawClient.openUdp('127.0.0.1', server.address().port);
    if (typeof alice === 'string') throw new Error(alice);
    closers.push(() => alice.close());
    alice.send(Buffer.from('abcdefgh'));
    expect(await runEchoedStep(echoed(), context({ alice }))).toMatchObject({
      observed:
        '1 never came back (8 B "abcdefgh"); 1 it did not send arrived (4 B "abcd": the first 4 of the 8 bytes sent, cut short)',
    });
  });

  it('describe bytes as text when printable, else by size and hex', () => {
    expect(describeBytes(Buffer.alloc(0))).toBe('empty');
    expect(describeBytes(Buffer.from('x'.repeat(70)))).toBe(`70 B "${'x'.repeat(59)}…"`);
    expect(describeBytes(Buffer.from([1, 2, 3]))).toBe('3 B, hex 010203');
  });
});
