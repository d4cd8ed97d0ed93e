import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { exchangeHttp, maxResponseBytes, type ExchangeOptions } from '../../harness/wire/http-exchange.js';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

// A loopback server whose connections the test handles; resolves with its port.
async function serve(onConnection: (socket: net.Socket) => void): Promise<number> {
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    closers.push(() => socket.destroy());
    onConnection(socket);
  });
  closers.push(() => server.close());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

function options(log: string[], more: Partial<ExchangeOptions> = {}): ExchangeOptions {
  return {
    pauseMs: 50,
    withinMs: 10_000,
    record: (dir, bytes) => log.push(`${dir} ${bytes.toString('latin1')}`),
    ...more,
  };
}

const segments = (...parts: string[]): Buffer[] => parts.map((part) => Buffer.from(part, 'latin1'));

describe('exchangeHttp', () => {
  it('sends each segment as its own write, in order, and reads until the server closes', async () => {
    const port = await serve((socket) => {
      let head = '';
      socket.on('data', (data: Buffer) => {
        head += data.toString('latin1');
        if (head.endsWith('\r\n\r\n')) socket.end(`HTTP/1.0 200 OK\r\n\r\n${head.length} bytes`);
      });
    });
    const log: string[] = [];
    const raw = await exchangeHttp('127.0.0.1', port, segments('GET /a', ' HTTP/1.0\r\n', '\r\n'), options(log));
    expect(raw).toEqual({ bytes: Buffer.from('HTTP/1.0 200 OK\r\n\r\n19 bytes'), end: 'closed' });
    expect(log).toEqual(['up GET /a', 'up  HTTP/1.0\r\n', 'up \r\n', 'down HTTP/1.0 200 OK\r\n\r\n19 bytes']);
  });

  it('hears a server that answers before the whole request arrived, and sends it no more', async () => {
    const port = await serve((socket) => socket.once('data', () => socket.end('HTTP/1.0 400 Bad Request\r\n\r\n')));
    const log: string[] = [];
    const raw = await exchangeHttp(
      '127.0.0.1',
      port,
      segments('GET /ind', 'ex.html HTTP/1.0\r\n\r\n'),
      options(log, { pauseMs: 2000 }),
    );
    expect(raw.end).toBe('closed');
    expect(raw.bytes.toString('latin1')).toBe('HTTP/1.0 400 Bad Request\r\n\r\n');
    expect(log.filter((line) => line.startsWith('up'))).toEqual(['up GET /ind']);
  });

  it('takes a response as complete once the announced Content-Length is in and the server goes quiet', async () => {
    const port = await serve((socket) =>
      socket.once('data', () => socket.write('HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok')),
    );
    const raw = await exchangeHttp('127.0.0.1', port, segments('GET / HTTP/1.0\r\n\r\n'), options([]));
    expect(raw).toEqual({ bytes: Buffer.from('HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok'), end: 'quiet' });
  });

  it('gives up at the deadline with what came, and says a refused connection was refused', async () => {
    const port = await serve((socket) => socket.once('data', () => socket.write('HTTP/1.0 200 OK\r\n')));
    const raw = await exchangeHttp(
      '127.0.0.1',
      port,
      segments('GET / HTTP/1.0\r\n\r\n'),
      options([], { withinMs: 300 }),
    );
    expect(raw).toEqual({ bytes: Buffer.from('HTTP/1.0 200 OK\r\n'), end: 'timeout' });
    const closed = await serve(() => undefined);
    closers.splice(0).forEach((close) => close());
    const refused = await exchangeHttp('127.0.0.1', closed, segments('GET / HTTP/1.0\r\n\r\n'), options([]));
    expect(refused).toEqual({ bytes: Buffer.alloc(0), end: 'refused', error: 'ECONNREFUSED' });
  });

  it('stops reading a server that streams without end, past 16 MiB', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    const port = await serve((socket) =>
      socket.once('data', () => {
        const pump = (): void => {
          while (!socket.destroyed && socket.write(chunk));
          if (!socket.destroyed) socket.once('drain', pump);
        };
        pump();
      }),
    );
    const raw = await exchangeHttp('127.0.0.1', port, segments('GET / HTTP/1.0\r\n\r\n'), options([]));
    expect(raw.end).toBe('overflow');
    expect(raw.bytes.length).toBeGreaterThan(maxResponseBytes);
    expect(raw.bytes.length).toBeLessThan(maxResponseBytes + 2 * 1024 * 1024);
  });

  it('holds every segment after the first until the gate opens, and counts the deadline from then', async () => {
    const reads: string[] = [];
    let firstRead = (): void => undefined;
    const read = new Promise<void>((resolve) => (firstRead = resolve));
    const port = await serve((socket) =>
      socket.on('data', (data: Buffer) => {
        reads.push(data.toString('latin1'));
        firstRead();
        if (reads.join('').endsWith('\r\n\r\n')) socket.end('HTTP/1.0 200 OK\r\n\r\n');
      }),
    );
    let open = (): void => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let connected = false;
    const exchange = exchangeHttp(
      '127.0.0.1',
      port,
      segments('GET /', 'a HTTP/1.0\r\n\r\n'),
      options([], { gate, withinMs: 200, connected: () => (connected = true) }),
    );
    await read;
    // Proving an absence takes a wait: twice withinMs, and the exchange has not timed out.
    const pending = await Promise.race([
      exchange.then(() => 'ended'),
      new Promise((resolve) => setTimeout(() => resolve('pending'), 400)),
    ]);
    expect(pending).toBe('pending');
    expect([connected, reads]).toEqual([true, ['GET /']]);
    open();
    expect((await exchange).end).toBe('closed');
    expect(reads).toEqual(['GET /', 'a HTTP/1.0\r\n\r\n']);
  });
});
