import { connect, type Socket } from 'node:net';
import { escapeRegExp } from './program.js';

// A raw TCP connection, like `nc`: what the server sent so far, and waiting on patterns.
export class TcpPeer {
  received = '';
  closed = false;
  private readonly listeners = new Set<() => void>();

  private constructor(readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.received += chunk.toString('utf8');
      this.notify();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      this.notify();
    });
  }

  static open(port: number): Promise<TcpPeer> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new TcpPeer(socket));
      });
    });
  }

  // Writes bytes and resolves once the kernel has taken them.
  write(text: string): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(text, (error) => (error ? reject(error) : resolve())));
  }

  waitFor(pattern: RegExp | string, timeoutMs = 20_000): Promise<void> {
    const regex = typeof pattern === 'string' ? new RegExp(escapeRegExp(pattern)) : pattern;
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        if (regex.test(this.received)) {
          finish();
          resolve();
          return true;
        }
        if (this.closed) {
          finish();
          reject(new Error(`connection closed before the server sent ${regex}; received:\n${this.received}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`the server did not send ${regex} within ${timeoutMs} ms; received:\n${this.received}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      const listener = (): void => void check();
      if (!check()) this.listeners.add(listener);
    });
  }

  // Connects and answers the server's username prompt; resolves once joined.
  static async join(port: number, name: string): Promise<TcpPeer> {
    const peer = await TcpPeer.open(port);
    await peer.waitFor(/Enter username: $/);
    await peer.write(`${name}\n`);
    await peer.waitFor(`joined as ${name}\n`);
    return peer;
  }

  close(): void {
    this.socket.destroy();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
