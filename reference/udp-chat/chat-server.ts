import { createHash, timingSafeEqual } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import path from 'node:path';
import { say, warn } from '../shared/say.js';
import { isValidName, normalizeName } from './chat-name.js';
import { ChatHistory } from './history/chat-history.js';
import {
  describeCorruptFile,
  describeCorruption,
  describeFileRelayed,
  describeHistoryLoaded,
  describeListening,
  describeServerRefusal,
  formatChatLine,
  formatPresence,
} from './messages.js';
import { ServerSession, type SessionOwner } from './server-session.js';
import { limits, timing, type BreakMode } from './settings.js';
import { errorCodes, type ErrorCode, type FrameBody } from './wire/frame.js';
import { decodePacket, encodeReset } from './wire/packet.js';

// How the server is set up; server.ts fills it from the environment.
export interface ChatServerOptions {
  readonly host: string;
  readonly port: number;
  readonly password: string;
  readonly directory: string;
  readonly breaks: ReadonlySet<BreakMode>;
}

// The history file, in the server's working directory (O9).
export const historyFileName = 'chat_history.jsonl';

type FileFrame = Extract<FrameBody, { kind: 'file-offer' | 'file-chunk' | 'file-end' }>;

// The chat room server: one UDP socket, one session per client address, a room of named
// members, and a history file in its working directory.
export class ChatServer implements SessionOwner {
  private readonly socket: Socket;
  private readonly sessions = new Map<string, ServerSession>();
  private readonly lastResetAt = new Map<string, number>();
  private readonly history: ChatHistory;
  private readonly passwordDigest: Buffer;
  private nextRelayId = 1;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly options: ChatServerOptions) {
    this.socket = createSocket(isIPv6(options.host) ? 'udp6' : 'udp4');
    this.history = new ChatHistory(path.join(options.directory, historyFileName), !options.breaks.has('history'));
    this.passwordDigest = digest(options.password);
  }

  // Binds the socket, loads the history, and prints the listening line with the bound port.
  start(): Promise<void> {
    const loaded = this.history.load();
    return new Promise((resolve, reject) => {
      this.socket.once('error', reject);
      this.socket.bind(this.options.port, this.options.host, () => {
        this.socket.off('error', reject);
        this.socket.on('error', (error) => warn(`socket error: ${error.message}`));
        this.socket.on('message', (datagram, remote) => this.onDatagram(datagram, remote));
        this.sweeper = setInterval(() => this.sweep(), 1000);
        const bound = this.socket.address();
        say(describeListening(bound.address, bound.port));
        if (loaded > 0) say(describeHistoryLoaded(loaded, historyFileName));
        resolve();
      });
    });
  }

  stop(): void {
    clearInterval(this.sweeper);
    for (const session of this.sessions.values()) session.close();
    this.sessions.clear();
    this.socket.close();
  }

  sendDatagram(session: ServerSession, datagram: Buffer): void {
    this.socket.send(datagram, session.port, session.address, () => undefined);
  }

  deliver(session: ServerSession, body: FrameBody): void {
    switch (body.kind) {
      case 'join':
        this.join(session, body.name, body.password);
        return;
      case 'ping':
        return;
      case 'bye':
        this.remove(session);
        return;
      case 'say':
      case 'file-offer':
      case 'file-chunk':
      case 'file-end':
        if (session.state === 'member') this.handleMemberFrame(session, body);
        else if (session.state === 'keyed') void session.send(notice(errorCodes.notJoined, 'join first'));
        return;
      default:
        void session.send(notice(errorCodes.malformed, `a client does not send ${body.kind} frames`));
    }
  }

  unreachable(session: ServerSession): void {
    this.remove(session);
  }

  private onDatagram(datagram: Buffer, remote: RemoteInfo): void {
    const key = `${remote.address}|${remote.port}`;
    const peer = `${remote.address}:${remote.port}`;
    const packet = decodePacket(datagram);
    const session = this.sessions.get(key);
    switch (packet.type) {
      case 'hello': {
        if (session?.clientKey.equals(packet.clientKey)) {
          this.socket.send(session.welcome, remote.port, remote.address);
          return;
        }
        if (session) this.remove(session);
        if (this.sessions.size >= limits.maxSessions) return warn(`ignoring HELLO from ${peer}: too many sessions`);
        const fresh = ServerSession.accept(remote.address, remote.port, packet.clientKey, this, this.options.breaks);
        if (fresh === undefined) return warn(`ignoring HELLO from ${peer}: unusable public key`);
        this.sessions.set(key, fresh);
        this.socket.send(fresh.welcome, remote.port, remote.address);
        return;
      }
      case 'sealed': {
        if (session === undefined) return this.sendReset(key, remote);
        const outcome = session.receive(packet);
        if (outcome === 'corrupt') this.reportCorruption(session.label);
        else if (outcome === 'malformed') void session.send(notice(errorCodes.malformed, 'malformed frame'));
        return;
      }
      case 'welcome':
      case 'reset':
      case 'invalid':
        this.reportCorruption(session?.label ?? peer);
        return;
      default:
        return assertNever(packet);
    }
  }

  private reportCorruption(peer: string): void {
    if (!this.options.breaks.has('integrity')) say(describeCorruption(peer));
  }

  private sendReset(key: string, remote: RemoteInfo): void {
    const now = Date.now();
    if (now - (this.lastResetAt.get(key) ?? 0) < timing.resetIntervalMs) return;
    this.lastResetAt.set(key, now);
    this.socket.send(encodeReset(), remote.port, remote.address);
  }

  private join(session: ServerSession, name: string, password: string): void {
    if (session.state !== 'keyed' || session.joinPending) return;
    if (this.checkJoin(name, password) === errorCodes.nameTaken) {
      session.joinPending = true;
      void this.joinAfterProbe(session, name, password);
      return;
    }
    this.finishJoin(session, name, password);
  }

  // A name is taken only while its holder still answers: a client killed without BYE would
  // otherwise keep its name until the idle timeout. The holder gets a PING; if it is not
  // acknowledged within nameProbeMs, the holder is dropped and the join goes ahead.
  private async joinAfterProbe(session: ServerSession, name: string, password: string): Promise<void> {
    const wanted = normalizeName(name);
    const holder = this.members().find((member) => member.name !== undefined && normalizeName(member.name) === wanted);
    const alive = holder === undefined ? false : await answersWithin(holder, timing.nameProbeMs);
    session.joinPending = false;
    if (holder !== undefined && !alive) this.remove(holder);
    if (this.sessions.get(keyOf(session)) === session) this.finishJoin(session, name, password);
  }

  private finishJoin(session: ServerSession, name: string, password: string): void {
    const problem = this.checkJoin(name, password);
    if (problem !== undefined) {
      session.state = 'refused';
      say(describeServerRefusal(`${session.address}:${session.port}`, name, problem));
      void session.send({ kind: 'refused', code: problem, reason: '' });
      return;
    }
    session.state = 'member';
    session.name = name;
    void session.send({ kind: 'joined', name });
    for (const entry of this.history.latest(limits.historyReplay)) {
      void session.send({ kind: 'message', history: true, time: entry.time, from: entry.from, text: entry.text });
    }
    say(formatPresence(name, 'joined'));
    this.broadcast(session, { kind: 'presence', event: 'joined', name });
  }

  private checkJoin(name: string, password: string): ErrorCode | undefined {
    if (!this.options.breaks.has('password') && !timingSafeEqual(digest(password), this.passwordDigest)) {
      return errorCodes.incorrectPassword;
    }
    if (!isValidName(name)) return errorCodes.invalidName;
    const wanted = normalizeName(name);
    const taken = this.members().some((member) => member.name !== undefined && normalizeName(member.name) === wanted);
    return taken ? errorCodes.nameTaken : undefined;
  }

  private handleMemberFrame(session: ServerSession, body: Extract<FrameBody, { kind: 'say' } | FileFrame>): void {
    const name = session.name ?? session.label;
    if (body.kind !== 'say') return this.relayFile(session, name, body);
    if (Buffer.byteLength(body.text) > limits.maxTextBytes) {
      void session.send(notice(errorCodes.tooLong, `at most ${limits.maxTextBytes} bytes`));
      return;
    }
    const time = Date.now();
    say(formatChatLine(name, body.text));
    this.history.append({ time, from: name, text: body.text });
    this.broadcast(session, { kind: 'message', history: false, time, from: name, text: body.text });
  }

  // Streams a file on to the members present when it was offered, frame by frame as the
  // sender's frames arrive in order, and checks its size and SHA-256 on the way.
  private relayFile(session: ServerSession, name: string, frame: FileFrame): void {
    if (frame.kind === 'file-offer') {
      if (frame.size > limits.maxFileBytes) {
        session.relays.set(frame.transfer, 'rejected');
        void session.send(notice(errorCodes.fileRejected, `files hold at most ${limits.maxFileBytes} bytes`));
        return;
      }
      const recipients = new Set(this.members().filter((member) => member !== session));
      const relay = {
        id: this.nextRelayId++,
        name: frame.name,
        size: frame.size,
        hash: createHash('sha256'),
        recipients,
        received: 0,
      };
      session.relays.set(frame.transfer, relay);
      this.sendTo(recipients, {
        kind: 'file-offer',
        transfer: relay.id,
        size: frame.size,
        from: name,
        name: frame.name,
      });
      return;
    }
    const relay = session.relays.get(frame.transfer);
    if (relay === 'rejected') {
      if (frame.kind === 'file-end') session.relays.delete(frame.transfer);
      return;
    }
    if (relay === undefined) {
      void session.send(notice(errorCodes.fileRejected, `no transfer ${frame.transfer} was offered`));
      return;
    }
    if (frame.kind === 'file-chunk') {
      relay.hash.update(frame.data);
      relay.received += frame.data.length;
      this.sendTo(relay.recipients, { kind: 'file-chunk', transfer: relay.id, index: frame.index, data: frame.data });
      return;
    }
    session.relays.delete(frame.transfer);
    this.sendTo(relay.recipients, { kind: 'file-end', transfer: relay.id, sha256: frame.sha256 });
    const intact = relay.received === relay.size && relay.hash.digest().equals(frame.sha256);
    say(intact ? describeFileRelayed(name, relay.name, relay.size) : describeCorruptFile(relay.name, name));
  }

  private broadcast(sender: ServerSession, body: FrameBody): void {
    this.sendTo(
      this.members().filter((member) => member !== sender),
      body,
    );
  }

  private sendTo(recipients: Iterable<ServerSession>, body: FrameBody): void {
    for (const recipient of recipients) {
      if (recipient.state === 'member' && this.sessions.get(keyOf(recipient)) === recipient) void recipient.send(body);
    }
  }

  private members(): ServerSession[] {
    return [...this.sessions.values()].filter((session) => session.state === 'member');
  }

  // Ends a session: after BYE, when it stops answering, or when its address starts over.
  private remove(session: ServerSession): void {
    if (this.sessions.get(keyOf(session)) !== session) return;
    this.sessions.delete(keyOf(session));
    session.close();
    if (session.state === 'member' && session.name !== undefined) {
      say(formatPresence(session.name, 'left'));
      this.broadcast(session, { kind: 'presence', event: 'left', name: session.name });
    }
  }

  // Drops sessions that went quiet: members that missed several keepalives, and clients that
  // never joined or were refused.
  private sweep(): void {
    const now = Date.now();
    for (const session of [...this.sessions.values()]) {
      const limit = session.state === 'member' ? timing.serverIdleTimeoutMs : timing.serverIdleTimeoutMs / 3;
      if (now - session.lastHeardAt > limit) this.remove(session);
    }
    for (const [key, at] of this.lastResetAt) if (now - at > timing.resetIntervalMs) this.lastResetAt.delete(key);
  }
}

function answersWithin(session: ServerSession, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([session.send({ kind: 'ping' }), timeout]).finally(() => clearTimeout(timer));
}

function keyOf(session: ServerSession): string {
  return `${session.address}|${session.port}`;
}

function notice(code: ErrorCode, text: string): FrameBody {
  return { kind: 'notice', code, text };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function assertNever(value: never): never {
  throw new Error(`unhandled packet ${JSON.stringify(value)}`);
}
