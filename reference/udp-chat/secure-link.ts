import type { SessionKeys } from './crypto/key-agreement.js';
import { PacketSealer } from './crypto/packet-sealer.js';
import { ReliableChannel } from './reliability/reliable-channel.js';
import type { BreakMode } from './settings.js';
import { decodeFrame, type FrameBody } from './wire/frame.js';
import type { Packet } from './wire/packet.js';

type SealedPacket = Extract<Packet, { type: 'sealed' }>;

// What a link needs from its owner: a way to send a datagram to the peer, a place for frames
// once they are in order, and word when the peer stops answering.
export interface LinkOwner {
  sendDatagram(datagram: Buffer): void;
  deliver(body: FrameBody): void;
  unreachable(): void;
}

// How a received SEALED datagram fared: "corrupt" failed the GCM tag or the frame's CRC-32,
// "malformed" authenticated but does not follow the frame layout.
export type ReceiveOutcome = 'ok' | 'corrupt' | 'malformed';

// One end of an established session: encryption (PacketSealer) under reliability
// (ReliableChannel). Every frame, acknowledgements included, leaves encrypted.
export class SecureLink {
  private readonly sealer: PacketSealer;
  private readonly channel: ReliableChannel;
  private readonly verify: boolean;
  lastHeardAt = Date.now();

  constructor(keys: SessionKeys, side: 'client' | 'server', owner: LinkOwner, breaks: ReadonlySet<BreakMode>) {
    this.verify = !breaks.has('integrity');
    this.sealer = new PacketSealer(keys, side, this.verify);
    this.channel = new ReliableChannel(
      {
        transmit: (plaintext) => owner.sendDatagram(this.sealer.seal(plaintext)),
        deliver: (body) => owner.deliver(body),
        unreachable: () => owner.unreachable(),
      },
      !breaks.has('retransmit'),
    );
  }

  receive(packet: SealedPacket): ReceiveOutcome {
    const plaintext = this.sealer.open(packet);
    if (plaintext === undefined) return 'corrupt';
    const decoded = decodeFrame(plaintext, this.verify);
    if (!decoded.ok) return decoded.problem === 'checksum' ? 'corrupt' : 'malformed';
    this.lastHeardAt = Date.now();
    this.channel.receive(decoded.frame);
    return 'ok';
  }

  // Sends a frame reliably; resolves true once the peer acknowledged it.
  send(body: FrameBody): Promise<boolean> {
    return this.channel.send(body);
  }

  drained(): Promise<void> {
    return this.channel.drained();
  }

  pendingBodies(): FrameBody[] {
    return this.channel.pendingBodies();
  }

  get lastSentAt(): number {
    return this.channel.lastSentAt;
  }

  close(): void {
    this.channel.close();
  }
}
