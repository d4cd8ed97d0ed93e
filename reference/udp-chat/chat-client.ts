import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import path from 'node:path';
import type { LineInput } from '../shared/line-input.js';
import { parsePort } from '../shared/listen-port.js';
import { say, warn } from '../shared/say.js';
import { deriveSessionKeys, EphemeralKeyPair } from './crypto/key-agreement.js';
import { FileAssembler } from './files/file-assembler.js';
import { splitFile } from './files/split-file.js';
import {
  describeCorruptFile,
  describeCorruption,
  describeErrorCode,
  describeFileReceived,
  describeFileSent,
  describeJoined,
  describeRefusal,
  formatChatLine,
  formatHistoryLine,
  formatPresence,
} from './messages.js';
import { SecureLink, type LinkOwner } from './secure-link.js';
import { limits, timing, type BreakMode } from './settings.js';
import type { FrameBody } from './wire/frame.js';
import { decodePacket, encodeHello } from './wire/packet.js';

// How the client is set up; client.ts fills it from the process.
export interface ChatClientOptions {
  readonly input: LineInput;
  readonly directory: string;
  readonly breaks: ReadonlySet<BreakMode>;
}

type ClientState = 'handshaking' | 'joining' | 'joined' | 'quitting' | 'done';

interface ServerAddress {
  readonly address: string;
  readonly port: number;
  readonly family: 4 | 6;
}

const maxReconnects = 3;

// The chat client: asks for the server, name and password, joins over an encrypted reliable
// session, prints what the room says, and turns typed lines into messages, files or quitting.
export class ChatClient implements LinkOwner {
  private socket: Socket | undefined;
  private server: ServerAddress | undefined;
  private name = '';
  private password = '';
  private state: ClientState = 'handshaking';
  private keyPair: EphemeralKeyPair | undefined;
  private helloTimer: NodeJS.Timeout | undefined;
  private keepalive: NodeJS.Timeout | undefined;
  private link: SecureLink | undefined;
  private reconnects = 0;
  private nextTransfer = 1;
  private carryOver: FrameBody[] = [];
  private readonly files = new FileAssembler();
  private readonly joinWaiters: (() => void)[] = [];
  private settle: (code: number) => void = () => undefined;
  private readonly finished = new Promise<number>((resolve) => (this.settle = resolve));

  constructor(private readonly options: ChatClientOptions) {}

  // Runs the whole session; resolves with the process exit code.
  async run(): Promise<number> {
    const server = await this.askForServer();
    if (server === undefined) return 1;
    this.server = server;
    this.socket = createSocket(server.family === 6 ? 'udp6' : 'udp4');
    this.socket.on('error', (error) => warn(`socket error: ${error.message}`));
    this.socket.on('message', (datagram, remote) => this.onDatagram(datagram, remote));
    this.keepalive = setInterval(() => this.keepAlive(), 1000);
    this.startHandshake();
    void this.readCommands();
    return this.finished;
  }

  sendDatagram(datagram: Buffer): void {
    if (this.server && this.socket && this.state !== 'done') {
      this.socket.send(datagram, this.server.port, this.server.address, () => undefined);
    }
  }

  deliver(body: FrameBody): void {
    switch (body.kind) {
      case 'joined':
        this.onJoined();
        return;
      case 'refused':
        say(describeRefusal(body.code));
        this.finish(1);
        return;
      case 'message':
        say(body.history ? formatHistoryLine(body.from, body.text) : formatChatLine(body.from, body.text));
        return;
      case 'presence':
        say(formatPresence(body.name, body.event));
        return;
      case 'file-offer':
      case 'file-chunk':
      case 'file-end':
        this.receiveFile(body);
        return;
      case 'ping':
        return;
      case 'notice':
        say(`server: ${describeErrorCode(body.code)}${body.text === '' ? '' : ` (${body.text})`}`);
        return;
      default:
        warn(`ignoring a ${body.kind} frame from the server`);
    }
  }

  // Leaves as on !q, but waits less: the process was asked to stop (SIGTERM, SIGINT).
  stop(): void {
    void this.quit(timing.stopFlushMs);
  }

  unreachable(): void {
    if (this.state === 'quitting') this.finish(0);
    else this.reconnect('the server stopped answering');
  }

  private async askForServer(): Promise<ServerAddress | undefined> {
    const { input } = this.options;
    const host = await input.ask('Server IP: ');
    const portAnswer = host === undefined ? undefined : await input.ask('Port: ');
    const name = portAnswer === undefined ? undefined : await input.ask('Name: ');
    const password = name === undefined ? undefined : await input.ask('Password: ');
    if (host === undefined || portAnswer === undefined || name === undefined || password === undefined) {
      say('error: input ended before the prompts were answered');
      return undefined;
    }
    const port = parsePort(portAnswer);
    if (port === undefined) {
      say(`error: "${portAnswer.trim()}" is not a port number (1 to 65535)`);
      return undefined;
    }
    this.name = name.trim();
    this.password = password;
    try {
      // IPv4 first: "localhost" may resolve to ::1 first while the server listens on 0.0.0.0.
      const found = await lookup(host.trim() === '' ? '127.0.0.1' : host.trim(), { all: true });
      const chosen = found.find((entry) => entry.family === 4) ?? found[0];
      if (chosen === undefined) throw new Error('no address');
      return { address: chosen.address, port, family: chosen.family === 6 ? 6 : 4 };
    } catch {
      say(`error: cannot resolve server address "${host.trim()}"`);
      return undefined;
    }
  }

  // Sends HELLO until a WELCOME answers it, backing off from 250 ms to 1 s, 12 times at most.
  private startHandshake(): void {
    this.state = 'handshaking';
    const pair = EphemeralKeyPair.generate();
    this.keyPair = pair;
    const hello = encodeHello(pair.publicRaw);
    let attempt = 0;
    const tryOnce = (): void => {
      if (this.state !== 'handshaking' || this.keyPair !== pair) return;
      if (attempt >= timing.helloAttempts) {
        say(`error: no answer from server at ${this.describeServer()}`);
        this.finish(1);
        return;
      }
      const delay = Math.min(timing.maxHelloIntervalMs, timing.initialRtoMs * 2 ** attempt);
      attempt++;
      this.sendDatagram(hello);
      this.helloTimer = setTimeout(tryOnce, delay);
    };
    tryOnce();
  }

  private onDatagram(datagram: Buffer, remote: RemoteInfo): void {
    if (!this.server || remote.address !== this.server.address || remote.port !== this.server.port) return;
    if (this.state === 'done') return;
    const packet = decodePacket(datagram);
    switch (packet.type) {
      case 'welcome':
        this.onWelcome(packet.serverKey, packet.clientKey);
        return;
      case 'sealed': {
        const outcome = this.link?.receive(packet);
        if (outcome === 'corrupt') this.reportCorruption();
        else if (outcome === 'malformed') warn('ignoring a malformed frame from the server');
        return;
      }
      case 'reset':
        if (this.state === 'quitting') this.finish(0);
        else if (this.link !== undefined) this.reconnect('the server no longer knows this client');
        return;
      case 'hello':
      case 'invalid':
        this.reportCorruption();
        return;
      default:
        return assertNever(packet);
    }
  }

  private onWelcome(serverKey: Buffer, answeredKey: Buffer): void {
    const pair = this.keyPair;
    if (this.state !== 'handshaking' || pair === undefined || !answeredKey.equals(pair.publicRaw)) return;
    const secret = pair.agree(serverKey);
    if (secret === undefined) return warn('ignoring a WELCOME with an unusable server key');
    clearTimeout(this.helloTimer);
    this.link = new SecureLink(
      deriveSessionKeys(secret, pair.publicRaw, serverKey),
      'client',
      this,
      this.options.breaks,
    );
    this.state = 'joining';
    void this.link.send({ kind: 'join', name: this.name, password: this.password });
  }

  private onJoined(): void {
    if (this.state !== 'joining') return;
    this.state = 'joined';
    this.reconnects = 0;
    say(describeJoined(this.name));
    for (const body of this.carryOver.splice(0)) void this.link?.send(body);
    for (const wake of this.joinWaiters.splice(0)) wake();
  }

  // Starts over after the server restarted or went silent: a new handshake and join under the
  // same name; chat lines not yet acknowledged are sent again once joined.
  private reconnect(reason: string): void {
    if (this.state === 'done') return;
    const unsent = this.link?.pendingBodies().filter((body) => body.kind === 'say') ?? [];
    this.carryOver.push(...unsent);
    this.link?.close();
    this.link = undefined;
    if (++this.reconnects > maxReconnects) {
      say(`error: lost the connection to the server (${reason})`);
      this.finish(1);
      return;
    }
    say(`* connection lost (${reason}), rejoining`);
    this.startHandshake();
  }

  private reportCorruption(): void {
    if (!this.options.breaks.has('integrity')) say(describeCorruption('server'));
  }

  private async readCommands(): Promise<void> {
    for (;;) {
      const line = await this.options.input.next();
      await this.whenJoined();
      if (this.state === 'done') return;
      if (line === undefined || line.trim() === '!q') break;
      this.handleLine(line);
    }
    await this.quit();
  }

  private handleLine(line: string): void {
    const text = line.replace(/\r$/, '');
    if (text.trim() === '') return;
    const file = /^\/file\s+(.+)$/.exec(text.trim());
    if (file?.[1] !== undefined) return this.sendFile(file[1].trim());
    if (Buffer.byteLength(text) > limits.maxTextBytes) {
      say(`error: message too long (at most ${limits.maxTextBytes} bytes)`);
      return;
    }
    void this.link?.send({ kind: 'say', text });
  }

  private sendFile(requested: string): void {
    let content: Buffer;
    try {
      content = readFileSync(path.resolve(this.options.directory, requested));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      say(`error: cannot read ${requested}: ${code}`);
      return;
    }
    if (content.length > limits.maxFileBytes) {
      say(`error: ${requested} is larger than ${limits.maxFileBytes} bytes`);
      return;
    }
    const link = this.link;
    if (link === undefined) return;
    const frames = splitFile(this.nextTransfer++, path.basename(requested), content);
    const sends = frames.map((frame) => link.send(frame));
    const first = frames[0];
    const name = first?.kind === 'file-offer' ? first.name : path.basename(requested);
    void Promise.all(sends).then((acked) => {
      if (this.state === 'done') return;
      say(acked.every(Boolean) ? describeFileSent(name, content.length) : `error: file ${name} was not delivered`);
    });
  }

  private receiveFile(frame: Extract<FrameBody, { kind: 'file-offer' | 'file-chunk' | 'file-end' }>): void {
    const event = this.files.accept(frame, 'server');
    switch (event.type) {
      case 'pending':
        return;
      case 'complete': {
        const folder = path.join(this.options.directory, 'received');
        try {
          mkdirSync(folder, { recursive: true });
          writeFileSync(path.join(folder, event.name), event.content);
          say(describeFileReceived(event.name, event.content.length, event.from));
        } catch (error) {
          say(`error: cannot save ${event.name}: ${(error as NodeJS.ErrnoException).code ?? 'write failed'}`);
        }
        return;
      }
      case 'corrupt':
        if (!this.options.breaks.has('integrity')) say(describeCorruptFile(event.name, event.from));
        return;
      case 'rejected':
        warn(`ignoring file data: ${event.detail}`);
        return;
      default:
        return assertNever(event);
    }
  }

  private whenJoined(): Promise<void> {
    if (this.state === 'joined' || this.state === 'done') return Promise.resolve();
    return new Promise((resolve) => this.joinWaiters.push(resolve));
  }

  // Says goodbye and waits (a few seconds at most) until everything typed has been acknowledged.
  private async quit(flushMs: number = timing.quitFlushMs): Promise<void> {
    const link = this.link;
    if (this.state === 'quitting') return;
    if (this.state !== 'joined' || link === undefined) return this.finish(0);
    this.state = 'quitting';
    void link.send({ kind: 'bye' });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([link.drained(), new Promise((resolve) => (timer = setTimeout(resolve, flushMs)))]);
    clearTimeout(timer);
    this.finish(0);
  }

  private keepAlive(): void {
    if (this.state === 'joined' && this.link && Date.now() - this.link.lastSentAt > timing.keepaliveMs) {
      void this.link.send({ kind: 'ping' });
    }
  }

  private describeServer(): string {
    return this.server ? `${this.server.address}:${this.server.port}` : 'the given address';
  }

  private finish(code: number): void {
    if (this.state === 'done') return;
    this.state = 'done';
    clearTimeout(this.helloTimer);
    clearInterval(this.keepalive);
    this.link?.close();
    for (const wake of this.joinWaiters.splice(0)) wake();
    this.settle(code);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled case ${JSON.stringify(value)}`);
}
