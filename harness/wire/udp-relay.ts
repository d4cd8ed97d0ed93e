import dgram from 'node:dgram';
import type { WireLog } from './wire-log.js';

// Where the relay forwards to: the server's socket, which moves when the server restarts.
export type UpstreamTarget = () => { host: string; port: number } | undefined;

// A UDP relay for one client link: each client source gets its own upstream socket, like NAT,
// so the server sees every client socket as a distinct peer.
export class UdpRelay {
  private readonly listener: dgram.Socket;
  private readonly upstreams = new Map<string, dgram.Socket>();

  constructor(
    private readonly link: string,
    private readonly target: UpstreamTarget,
    private readonly log: WireLog,
  ) {
    this.listener = dgram.createSocket('udp4');
    this.listener.on('message', (msg, rinfo) => this.forwardUp(msg, rinfo));
    this.listener.on('error', () => undefined);
  }

  // Starts listening on the given loopback address; resolves to the port the client is told.
  listen(host: string): Promise<{ host: string; port: number }> {
    return new Promise((resolve, reject) => {
      this.listener.once('error', reject);
      this.listener.bind(0, host, () => {
        this.listener.off('error', reject);
        resolve({ host, port: this.listener.address().port });
      });
    });
  }

  close(): void {
    for (const socket of [this.listener, ...this.upstreams.values()]) {
      try {
        socket.close();
      } catch {
        // already closed
      }
    }
  }

  private forwardUp(msg: Buffer, from: dgram.RemoteInfo): void {
    this.log.add(this.link, 'up', msg);
    const target = this.target();
    if (target === undefined) return; // no server: the datagram is lost, as on a real network
    const upstream = this.upstreamFor(from, target.host.includes(':') ? 'udp6' : 'udp4');
    upstream.send(msg, target.port, target.host);
  }

  private upstreamFor(from: dgram.RemoteInfo, type: 'udp4' | 'udp6'): dgram.Socket {
    const key = `${type}/${from.address}:${from.port}`;
    const existing = this.upstreams.get(key);
    if (existing) return existing;
    const socket = dgram.createSocket(type);
    socket.on('error', () => undefined);
    socket.on('message', (msg) => {
      this.log.add(this.link, 'down', msg);
      this.listener.send(msg, from.port, from.address);
    });
    socket.bind(0, type === 'udp4' ? '127.0.0.1' : '::1');
    this.upstreams.set(key, socket);
    return socket;
  }
}
