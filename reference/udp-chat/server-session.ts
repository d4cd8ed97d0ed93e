import type { Hash } from 'node:crypto';
import { deriveSessionKeys, EphemeralKeyPair, type SessionKeys } from './crypto/key-agreement.js';
import { SecureLink, type ReceiveOutcome } from './secure-link.js';
import type { BreakMode } from './settings.js';
import type { FrameBody } from './wire/frame.js';
import { encodeWelcome, type Packet } from './wire/packet.js';

type SealedPacket = Extract<Packet, { type: 'sealed' }>;

// keyed: handshake done, not in the room; member: joined under a name; refused: join refused,
// kept only so its retransmissions are still acknowledged until it goes quiet.
export type SessionState = 'keyed' | 'member' | 'refused';

// A file one member is sending, as the server relays it to the members present at its offer.
export interface FileRelay {
  readonly id: number;
  readonly name: string;
  readonly size: number;
  readonly hash: Hash;
  readonly recipients: ReadonlySet<ServerSession>;
  received: number;
}

// What a session reports to the server that owns it.
export interface SessionOwner {
  sendDatagram(session: ServerSession, datagram: Buffer): void;
  deliver(session: ServerSession, body: FrameBody): void;
  unreachable(session: ServerSession): void;
}

// The server's side of one client address: its handshake answer, its secure link, and its
// place in the room.
export class ServerSession {
  state: SessionState = 'keyed';
  name: string | undefined;
  joinPending = false;
  readonly relays = new Map<number, FileRelay | 'rejected'>();
  private readonly link: SecureLink;

  private constructor(
    readonly address: string,
    readonly port: number,
    readonly clientKey: Buffer,
    readonly welcome: Buffer,
    keys: SessionKeys,
    owner: SessionOwner,
    breaks: ReadonlySet<BreakMode>,
  ) {
    this.link = new SecureLink(
      keys,
      'server',
      {
        sendDatagram: (datagram) => owner.sendDatagram(this, datagram),
        deliver: (body) => owner.deliver(this, body),
        unreachable: () => owner.unreachable(this),
      },
      breaks,
    );
  }

  // Answers a HELLO: a fresh X25519 key pair for this client, the session keys, and the
  // WELCOME to send back. Undefined when the client's public key is unusable.
  static accept(
    address: string,
    port: number,
    clientKey: Buffer,
    owner: SessionOwner,
    breaks: ReadonlySet<BreakMode>,
  ): ServerSession | undefined {
    const pair = EphemeralKeyPair.generate();
    const secret = pair.agree(clientKey);
    if (secret === undefined) return undefined;
    const keys = deriveSessionKeys(secret, clientKey, pair.publicRaw);
    return new ServerSession(address, port, clientKey, encodeWelcome(pair.publicRaw, clientKey), keys, owner, breaks);
  }

  // How the server names this client in its output: the chat name once known, else ip:port.
  get label(): string {
    return this.name ?? `${this.address}:${this.port}`;
  }

  get lastHeardAt(): number {
    return this.link.lastHeardAt;
  }

  receive(packet: SealedPacket): ReceiveOutcome {
    return this.link.receive(packet);
  }

  send(body: FrameBody): Promise<boolean> {
    return this.link.send(body);
  }

  close(): void {
    this.link.close();
  }
}
