import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import type { WireRecord } from '../../harness/model/result.js';
import { FaultPlan } from '../../harness/wire/fault-plan.js';
import { UdpRelay } from '../../harness/wire/udp-relay.js';
import { WireLog } from '../../harness/wire/wire-log.js';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

// A UDP echo server that answers "<source port> <text>" and remembers what it received.
async function startEchoServer(): Promise<{ port: number; received: { from: number; text: string }[] }> {
  const socket = dgram.createSocket('udp4');
  closers.push(() => socket.close());
  const received: { from: number; text: string }[] = [];
  socket.on('message', (msg, rinfo) => {
    received.push({ from: rinfo.port, text: msg.toString() });
    socket.send(`${rinfo.port} ${msg.toString()}`, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { port: socket.address().port, received };
}

// A client socket that collects the replies it gets.
async function startClient(): Promise<{ socket: dgram.Socket; replies: string[]; next: () => Promise<string> }> {
  const socket = dgram.createSocket('udp4');
  closers.push(() => socket.close());
  const replies: string[] = [];
  const waiting: ((reply: string) => void)[] = [];
  socket.on('message', (msg) => {
    const waiter = waiting.shift();
    if (waiter) waiter(msg.toString());
    else replies.push(msg.toString());
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const next = (): Promise<string> => {
    const ready = replies.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reply within 5 s')), 5_000);
      waiting.push((reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
    });
  };
  return { socket, replies, next };
}

function openRelay(
  target: () => { host: string; port: number } | undefined,
  log: WireLog,
): Promise<{ host: string; port: number }> {
  const relay = new UdpRelay('alice', target, log, new FaultPlan('test-seed')); // no fault armed
  closers.push(() => relay.close());
  return relay.listen(`127.${10 + (process.pid % 200)}.${process.pid % 256}.${1 + (Date.now() % 250)}`);
}

// Resolves once the log holds a record that matches.
function waitForRecord(log: WireLog, match: (record: WireRecord) => boolean): Promise<WireRecord> {
  const found = log.records.find(match);
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no such wire record within 5 s')), 5_000);
    const onRecord = (record: WireRecord): void => {
      if (!match(record)) return;
      clearTimeout(timer);
      log.off('record', onRecord);
      resolve(record);
    };
    log.on('record', onRecord);
  });
}

describe('UdpRelay', () => {
  it('listens on the loopback address it is given', async () => {
    const log = new WireLog(() => 0);
    const relay = await openRelay(() => undefined, log);
    expect(relay.host).toMatch(/^127\.\d+\.\d+\.\d+$/);
    expect(relay.port).toBeGreaterThan(0);
  });

  it('gives each client socket its own source port upstream and returns replies to the right client', async () => {
    const server = await startEchoServer();
    const log = new WireLog(() => 0);
    const relay = await openRelay(() => ({ host: '127.0.0.1', port: server.port }), log);
    const alice = await startClient();
    const bob = await startClient();

    alice.socket.send('from alice', relay.port, relay.host);
    const aliceReply = await alice.next();
    bob.socket.send('from bob', relay.port, relay.host);
    const bobReply = await bob.next();
    alice.socket.send('alice again', relay.port, relay.host);
    const aliceAgain = await alice.next();

    expect(server.received.map((r) => r.text)).toEqual(['from alice', 'from bob', 'alice again']);
    const [first, second, third] = server.received;
    expect(first?.from).not.toBe(second?.from); // two peers, as the server sees them
    expect(third?.from).toBe(first?.from); // the same client keeps its upstream port
    expect(first?.from).not.toBe(relay.port);
    expect(aliceReply).toBe(`${first?.from} from alice`);
    expect(bobReply).toBe(`${second?.from} from bob`);
    expect(aliceAgain).toBe(`${first?.from} alice again`);
    expect(alice.replies).toEqual([]);
    expect(bob.replies).toEqual([]);
  });

  it('records every datagram up and down with its size and a base64 head of at most 64 bytes', async () => {
    const server = await startEchoServer();
    let now = 100;
    const log = new WireLog(() => now++);
    const relay = await openRelay(() => ({ host: '127.0.0.1', port: server.port }), log);
    const alice = await startClient();
    const payload = Buffer.from(`hello ${'x'.repeat(94)}`); // 100 bytes
    alice.socket.send(payload, relay.port, relay.host);
    const reply = await alice.next();

    expect(log.records).toHaveLength(2);
    const [up, down] = log.records;
    expect(up).toEqual({
      t: 100,
      link: 'alice',
      dir: 'up',
      size: 100,
      head: payload.subarray(0, 64).toString('base64'),
    });
    const replyBytes = Buffer.from(reply);
    expect(down).toEqual({
      t: 101,
      link: 'alice',
      dir: 'down',
      size: replyBytes.length,
      head: replyBytes.subarray(0, 64).toString('base64'),
    });
    expect(Buffer.from(up?.head ?? '', 'base64').toString()).toBe(payload.subarray(0, 64).toString());
  });

  it('drops datagrams sent before the server exists, recording them as sent up', async () => {
    const server = await startEchoServer();
    const log = new WireLog(() => 0);
    let target: { host: string; port: number } | undefined;
    const relay = await openRelay(() => target, log);
    const alice = await startClient();

    alice.socket.send('too early', relay.port, relay.host);
    await waitForRecord(log, (r) => r.dir === 'up' && r.size === 'too early'.length);
    target = { host: '127.0.0.1', port: server.port };
    alice.socket.send('on time', relay.port, relay.host);
    expect(await alice.next()).toMatch(/ on time$/);

    expect(server.received.map((r) => r.text)).toEqual(['on time']);
    expect(log.records.map((r) => `${r.dir} ${Buffer.from(r.head, 'base64').toString()}`)).toEqual([
      'up too early',
      'up on time',
      expect.stringMatching(/^down \d+ on time$/) as string,
    ]);
  });

  it('follows the target when the server moves (a restart on another port)', async () => {
    const first = await startEchoServer();
    const second = await startEchoServer();
    const log = new WireLog(() => 0);
    let target = { host: '127.0.0.1', port: first.port };
    const relay = await openRelay(() => target, log);
    const alice = await startClient();
    alice.socket.send('one', relay.port, relay.host);
    await alice.next();
    target = { host: '127.0.0.1', port: second.port };
    alice.socket.send('two', relay.port, relay.host);
    await alice.next();
    expect(first.received.map((r) => r.text)).toEqual(['one']);
    expect(second.received.map((r) => r.text)).toEqual(['two']);
  });
  // A datagram that arrives before the server has bound is lost; the client's later datagrams
  // must still reach the server, whichever address family it bound.
  it("reaches an IPv6 server that appears after the client's first datagram", async () => {
    const server = dgram.createSocket('udp6');
    closers.push(() => server.close());
    const received: string[] = [];
    server.on('message', (msg, rinfo) => {
      received.push(msg.toString());
      server.send(`v6 ${msg.toString()}`, rinfo.port, rinfo.address);
    });
    await new Promise<void>((resolve) => server.bind(0, '::1', resolve));
    const log = new WireLog(() => 0);
    let target: { host: string; port: number } | undefined;
    const relay = await openRelay(() => target, log);
    const alice = await startClient();
    alice.socket.send('too early', relay.port, relay.host);
    await waitForRecord(log, (r) => r.dir === 'up');
    target = { host: '::1', port: server.address().port };
    alice.socket.send('on time', relay.port, relay.host);
    expect(await alice.next()).toBe('v6 on time');
    expect(received).toEqual(['on time']);
  });
});

describe('WireLog', () => {
  it('emits each record as it is added, with a fault and a number when the fault plan gave them', () => {
    const log = new WireLog(() => 7);
    const seen: WireRecord[] = [];
    log.on('record', (record: WireRecord) => seen.push(record));
    log.add('bob', 'down', Buffer.from('abc'), 'dropped');
    log.add('bob', 'up', Buffer.alloc(0));
    log.add('bob', 'up', Buffer.from('d'), undefined, 4);
    expect(seen).toEqual([
      { t: 7, link: 'bob', dir: 'down', size: 3, head: 'YWJj', fault: 'dropped' },
      { t: 7, link: 'bob', dir: 'up', size: 0, head: '' },
      { t: 7, link: 'bob', dir: 'up', n: 4, size: 1, head: 'ZA==' },
    ]);
    expect(log.records).toEqual(seen);
    expect(log.payloads.map((bytes) => bytes.toString())).toEqual(['abc', '', 'd']);
  });
});
