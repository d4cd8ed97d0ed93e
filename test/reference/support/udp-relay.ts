import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { createSeededRandom } from './seeded-random.js';

// up = client to server, down = server to client, as in the harness.
export type Direction = 'up' | 'down';

// Seeded faults applied to every datagram, in both directions.
export interface RelayFaults {
  readonly drop?: number;
  readonly duplicate?: number;
  readonly reorder?: number;
}

// A datagram the relay saw, before any fault.
export interface CapturedDatagram {
  readonly client: string;
  readonly direction: Direction;
  readonly bytes: Buffer;
}

interface Upstream {
  readonly socket: Socket;
  readonly client: RemoteInfo;
}

// A UDP relay between clients and a server, like the harness's proxy: one upstream socket per
// client address (NAT style), a capture of every datagram, seeded drop/duplicate/reorder
// faults, and one-shot corruption of the next datagram in a direction.
export class UdpRelay {
  readonly captured: CapturedDatagram[] = [];
  private readonly listener = createSocket('udp4');
  private readonly upstreams = new Map<string, Upstream>();
  private readonly random: () => number;
  private readonly held = new Map<Direction, { timer: NodeJS.Timeout; release: () => void }>();
  private readonly corruptions: {
    direction: Direction;
    mutate: (datagram: Buffer) => Buffer;
    matches: (datagram: Buffer) => boolean;
    done: () => void;
  }[] = [];
  counts = { dropped: 0, duplicated: 0, reordered: 0 };

  private constructor(
    private readonly serverPort: number,
    private readonly faults: RelayFaults,
    seed: number,
  ) {
    this.random = createSeededRandom(seed);
  }

  static async start(serverPort: number, options: { faults?: RelayFaults; seed?: number } = {}): Promise<UdpRelay> {
    const relay = new UdpRelay(serverPort, options.faults ?? {}, options.seed ?? 1);
    await new Promise<void>((resolve) => relay.listener.bind(0, '127.0.0.1', resolve));
    relay.listener.on('message', (datagram, client) => relay.fromClient(datagram, client));
    return relay;
  }

  get port(): number {
    return this.listener.address().port;
  }

  // Applies mutate to the next datagram going in direction (that matches, when given);
  // resolves once it has been sent on.
  corruptNext(
    direction: Direction,
    mutate: (datagram: Buffer) => Buffer,
    matches: (datagram: Buffer) => boolean = () => true,
  ): Promise<void> {
    return new Promise((resolve) => this.corruptions.push({ direction, mutate, matches, done: resolve }));
  }

  close(): void {
    for (const { timer } of this.held.values()) clearTimeout(timer);
    for (const upstream of this.upstreams.values()) upstream.socket.close();
    this.listener.close();
  }

  private fromClient(datagram: Buffer, client: RemoteInfo): void {
    const key = `${client.address}:${client.port}`;
    let upstream = this.upstreams.get(key);
    if (upstream === undefined) {
      const socket = createSocket('udp4');
      upstream = { socket, client };
      this.upstreams.set(key, upstream);
      socket.on('message', (reply) =>
        this.forward('down', key, reply, (bytes) => this.listener.send(bytes, client.port, client.address)),
      );
    }
    const { socket } = upstream;
    this.forward('up', key, datagram, (bytes) => socket.send(bytes, this.serverPort, '127.0.0.1'));
  }

  private forward(direction: Direction, client: string, datagram: Buffer, send: (bytes: Buffer) => void): void {
    this.captured.push({ client, direction, bytes: Buffer.from(datagram) });
    const corruption = this.corruptions.findIndex(
      (candidate) => candidate.direction === direction && candidate.matches(datagram),
    );
    if (corruption !== -1) {
      const [entry] = this.corruptions.splice(corruption, 1);
      if (entry) {
        send(entry.mutate(Buffer.from(datagram)));
        entry.done();
        return;
      }
    }
    if (this.random() < (this.faults.drop ?? 0)) {
      this.counts.dropped++;
      return;
    }
    const copies = this.random() < (this.faults.duplicate ?? 0) ? 2 : 1;
    if (copies === 2) this.counts.duplicated++;
    const deliver = (): void => {
      for (let copy = 0; copy < copies; copy++) send(datagram);
    };
    const waiting = this.held.get(direction);
    if (waiting === undefined && this.random() < (this.faults.reorder ?? 0)) {
      this.counts.reordered++;
      const timer = setTimeout(() => this.release(direction), 30);
      this.held.set(direction, { timer, release: deliver });
      return;
    }
    deliver();
    if (waiting !== undefined) this.release(direction);
  }

  // Sends a held datagram after the one that overtook it (or after 30 ms if none came).
  private release(direction: Direction): void {
    const waiting = this.held.get(direction);
    if (waiting === undefined) return;
    clearTimeout(waiting.timer);
    this.held.delete(direction);
    waiting.release();
  }
}

// Matches datagrams long enough to carry a chat message, not a bare acknowledgement (39 bytes).
export function carriesMessage(datagram: Buffer): boolean {
  return datagram.length > 45;
}

// Flips one bit of a datagram: bit `bit` of byte `offset` (negative offsets count from the end).
export function flipBit(offset: number, bit = 0): (datagram: Buffer) => Buffer {
  return (datagram) => {
    const index = offset < 0 ? datagram.length + offset : Math.min(offset, datagram.length - 1);
    datagram[index] = (datagram[index] ?? 0) ^ (1 << bit);
    return datagram;
  };
}
