import dgram from 'node:dgram';
import type { FaultPlan } from './fault-plan.js';
import { FaultyPath } from './faulty-path.js';
import type { WireLog } from './wire-log.js';

// Where the relay forwards to: the server's socket, which moves when the server restarts.
export type UpstreamTarget = () => { host: string; port: number } | undefined;

// One client socket seen by the relay, with its own upstream socket (one per address family,
// made when first needed: the server may bind IPv6, and only after the client's first datagram)
// and a path each way.
interface Peer {
  readonly upstreams: Map<'udp4' | 'udp6', dgram.Socket>;
  readonly up: FaultyPath;
  readonly down: FaultyPath;
}

// A UDP relay for one client link: each client source gets its own upstream socket, like NAT,
// so the server sees every client socket as a distinct peer.
export class UdpRelay {
  private readonly listener: dgram.Socket;
  private readonly peers = new Map<string, Peer>();

  constructor(
    private readonly link: string,
    private readonly target: UpstreamTarget,
    private readonly log: WireLog,
    private readonly faults: FaultPlan,
  ) {
    this.listener = dgram.createSocket('udp4');
    this.listener.on('message', (msg, rinfo) => this.peerFor(rinfo).up.pass(msg));
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
    for (const peer of this.peers.values()) {
      peer.up.flush();
      peer.down.flush();
    }
    for (const socket of [this.listener, ...[...this.peers.values()].flatMap((p) => [...p.upstreams.values()])]) {
      try {
        socket.close();
      } catch {
        // already closed
      }
    }
  }

  // Cuts the link: from now on nothing crosses it, either way.
  sever(): void {
    this.close();
  }

  private peerFor(from: dgram.RemoteInfo): Peer {
    const key = `${from.address}:${from.port}`;
    const known = this.peers.get(key);
    if (known) return known;
    const upstreams = new Map<'udp4' | 'udp6', dgram.Socket>();
    const down = new FaultyPath(this.link, 'down', 'datagram', this.faults, this.log, (bytes) =>
      this.listener.send(bytes, from.port, from.address),
    );
    const upstreamFor = (type: 'udp4' | 'udp6'): dgram.Socket => {
      const known = upstreams.get(type);
      if (known) return known;
      const socket = dgram.createSocket(type);
      socket.on('error', () => undefined);
      socket.on('message', (msg) => down.pass(msg));
      socket.bind(0, type === 'udp4' ? '127.0.0.1' : '::1');
      upstreams.set(type, socket);
      return socket;
    };
    const up = new FaultyPath(this.link, 'up', 'datagram', this.faults, this.log, (bytes) => {
      const target = this.target();
      if (!target) return; // no server: lost, as on a real network
      upstreamFor(target.host.includes(':') ? 'udp6' : 'udp4').send(bytes, target.port, target.host);
    });
    const peer = { upstreams, up, down };
    this.peers.set(key, peer);
    return peer;
  }
}
