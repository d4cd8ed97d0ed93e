import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultPlan } from '../../harness/wire/fault-plan.js';
import { TcpRelay } from '../../harness/wire/tcp-relay.js';
import { WireLog } from '../../harness/wire/wire-log.js';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

// A TCP server that answers each line with "echo: <line>".
async function startEchoServer(): Promise<number> {
  const server = net.createServer((socket) => {
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString();
      for (let at = pending.indexOf('\n'); at >= 0; at = pending.indexOf('\n')) {
        socket.write(`echo: ${pending.slice(0, at)}\n`);
        pending = pending.slice(at + 1);
      }
    });
    socket.on('error', () => undefined);
  });
  closers.push(() => server.close());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

function openRelay(
  target: () => { host: string; port: number } | undefined,
  log: WireLog,
): Promise<{ host: string; port: number }> {
  const relay = new TcpRelay('alice', target, log, new FaultPlan('test-seed')); // no fault armed
  closers.push(() => relay.close());
  return relay.listen(`127.${10 + (process.pid % 200)}.${(process.pid >> 8) % 256}.${1 + (Date.now() % 250)}`);
}

// Connects, sends one line, and resolves with the first full line that comes back.
function exchange(relay: { host: string; port: number }, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(relay.port, relay.host);
    closers.push(() => socket.destroy());
    let got = '';
    const timer = setTimeout(() => reject(new Error(`no reply within 5 s (got "${got}")`)), 5_000);
    socket.on('connect', () => socket.write(`${line}\n`));
    socket.on('data', (chunk) => {
      got += chunk.toString();
      if (got.includes('\n')) {
        clearTimeout(timer);
        socket.end();
        resolve(got.slice(0, got.indexOf('\n')));
      }
    });
    socket.on('error', reject);
  });
}

describe('TcpRelay', () => {
  it('carries a line to the server and its answer back, and records both', async () => {
    const port = await startEchoServer();
    const log = new WireLog(() => 5);
    const relay = await openRelay(() => ({ host: '127.0.0.1', port }), log);
    expect(await exchange(relay, 'halo dunia')).toBe('echo: halo dunia');
    expect(log.records).toEqual([
      { t: 5, link: 'alice', dir: 'up', size: 11, head: Buffer.from('halo dunia\n').toString('base64') },
      { t: 5, link: 'alice', dir: 'down', size: 17, head: Buffer.from('echo: halo dunia\n').toString('base64') },
    ]);
  });

  it('closes a connection made while there is no server', async () => {
    const log = new WireLog(() => 0);
    const relay = await openRelay(() => undefined, log);
    const closed = await new Promise<boolean>((resolve) => {
      const socket = net.connect(relay.port, relay.host);
      const timer = setTimeout(() => resolve(false), 5_000);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    expect(closed).toBe(true);
    expect(log.records).toEqual([]);
  });

  it('ends the client side when the server closes its connection', async () => {
    const server = net.createServer((socket) => socket.end('bye\n'));
    closers.push(() => server.close());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const log = new WireLog(() => 0);
    const relay = await openRelay(() => ({ host: '127.0.0.1', port }), log);
    const received = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(relay.port, relay.host);
      closers.push(() => socket.destroy());
      let got = '';
      const timer = setTimeout(() => reject(new Error('the relay did not end the connection within 5 s')), 5_000);
      socket.on('data', (chunk) => (got += chunk.toString()));
      socket.on('end', () => {
        clearTimeout(timer);
        resolve(got);
      });
    });
    expect(received).toBe('bye\n');
    expect(log.records.map((r) => `${r.dir} ${r.size}`)).toEqual(['down 4']);
  });
  // An echo server's E6 (issue 13): after the client's shutdown(SHUT_WR) the server still sends,
  // then closes; both must cross the relay, in that order.
  it('carries a half-close to the server, and what the server sends after it back to the client', async () => {
    const server = net.createServer({ allowHalfOpen: true }, (socket) => {
      socket.on('error', () => undefined);
      socket.resume();
      socket.on('end', () => socket.end('sent after your FIN\n'));
    });
    closers.push(() => server.close());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const relay = await openRelay(() => ({ host: '127.0.0.1', port }), new WireLog(() => 5));
    const got = await new Promise<string>((resolve, reject) => {
      const socket = net.connect({ port: relay.port, host: relay.host, allowHalfOpen: true });
      closers.push(() => socket.destroy());
      let text = '';
      const timer = setTimeout(
        () => reject(new Error(`the server's close did not arrive within 5 s (got "${text}")`)),
        5_000,
      );
      socket.on('connect', () => socket.end('last words\n'));
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('end', () => {
        clearTimeout(timer);
        resolve(text);
      });
      socket.on('error', reject);
    });
    expect(got).toBe('sent after your FIN\n');
  });
});
