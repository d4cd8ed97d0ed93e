import dgram from 'node:dgram';
import { EventEmitter } from 'node:events';
import net from 'node:net';

// How a harness-played TCP connection ended, as its peer made it: a FIN (end), a reset, or not yet.
export type RawEnd = 'open' | 'end' | 'reset';

// A client that sockgrade plays itself, byte for byte, through the run's relay (so every byte is
// recorded and faults apply): a TCP connection or a UDP socket. It keeps what it sent and what
// came back, and how far the last check read, so "echoed" can compare the two.
export class RawClient extends EventEmitter {
  readonly sent: Buffer[] = []; // TCP writes or UDP datagrams, in order
  readonly got: Buffer[] = []; // TCP reads or UDP datagrams, in order
  sentChecked = 0; // how many entries of sent the last echoed check covered
  gotChecked = 0; // TCP: bytes; UDP: datagrams the last echoed check consumed
  ended: RawEnd = 'open';
  private readonly socket: net.Socket | dgram.Socket;

  private constructor(socket: net.Socket | dgram.Socket) {
    super();
    this.socket = socket;
  }

  // Connects to the relay over TCP; resolves once the connection is up, or to why it is not.
  static connectTcp(host: string, port: number): Promise<RawClient | string> {
    return new Promise((resolve) => {
      const socket = net.connect({ host, port, allowHalfOpen: true });
      const client = new RawClient(socket);
      socket.setNoDelay(true);
      socket.once('connect', () => resolve(client));
      socket.on('data', (chunk) => client.receive(chunk));
      socket.on('end', () => client.finish('end'));
      socket.on('error', (error: NodeJS.ErrnoException) => {
        client.finish(error.code === 'ECONNRESET' ? 'reset' : 'end');
        resolve(error.code ?? error.message);
      });
      socket.on('close', () => client.finish('end'));
    });
  }

  // Opens a UDP socket on loopback that sends to the relay and keeps every datagram it gets.
  static openUdp(host: string, port: number): Promise<RawClient | string> {
    return new Promise((resolve) => {
      const socket = dgram.createSocket('udp4');
      const client = new RawClient(socket);
      socket.on('message', (msg) => client.receive(msg));
      // A connected UDP socket hears ICMP errors (port unreachable) as 'error' events, later too:
      // before it is up they say why it is not; after, they are no concern of the check.
      socket.on('error', (error) => resolve(error.message));
      socket.bind(0, '127.0.0.1', () => socket.connect(port, host, () => resolve(client)));
    });
  }

  get transport(): 'tcp' | 'udp' {
    return this.socket instanceof net.Socket ? 'tcp' : 'udp';
  }

  // All bytes received so far (TCP), or the datagrams (UDP) joined.
  get gotBytes(): Buffer {
    return Buffer.concat(this.got);
  }

  // Writes bytes (TCP) or sends them as one datagram (UDP); false when the connection is gone.
  send(bytes: Buffer): boolean {
    this.sent.push(bytes);
    if (this.socket instanceof net.Socket) {
      if (this.socket.destroyed || this.socket.writableEnded) return false;
      this.socket.write(bytes);
      return true;
    }
    this.socket.send(bytes);
    return true;
  }

  // shutdown(SHUT_WR): no more bytes from this side; the peer still may send and must close.
  halfClose(): void {
    if (this.socket instanceof net.Socket) this.socket.end();
  }

  // Closes abruptly with a reset (SO_LINGER 0), as a client that crashes or is killed.
  reset(): void {
    if (this.socket instanceof net.Socket) this.socket.resetAndDestroy();
    this.finish('reset');
  }

  close(): void {
    if (this.socket instanceof net.Socket) this.socket.destroy();
    else {
      try {
        this.socket.close();
      } catch {
        // already closed
      }
    }
  }

  private receive(bytes: Buffer): void {
    this.got.push(bytes);
    this.emit('change');
  }

  private finish(how: RawEnd): void {
    if (this.ended !== 'open') return;
    this.ended = how;
    this.emit('change');
  }
}

// Waits until a condition on a raw client holds, re-checking whenever it receives or ends;
// true as soon as it holds, false at the deadline.
export function waitForRaw(client: RawClient, condition: () => boolean, timeoutMs: number): Promise<boolean> {
  if (condition()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const check = (): void => {
      if (condition()) done(true);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    const done = (value: boolean): void => {
      clearTimeout(timer);
      client.off('change', check);
      resolve(value);
    };
    client.on('change', check);
  });
}
