import { createServer, type Server, type Socket } from 'node:net';
import { say, warn } from '../shared/say.js';
import { LineSplitter } from './line-splitter.js';
import {
  describeJoined,
  describeListening,
  formatChatLine,
  formatPresence,
  invalidName,
  nameTaken,
  usernamePrompt,
} from './messages.js';

// One accepted connection: its line buffer and, once it answered the prompt, its name.
class Connection {
  name: string | undefined;
  readonly lines = new LineSplitter();

  constructor(readonly socket: Socket) {}

  // Writes unless the peer is already gone; a vanished peer is handled by its close event.
  send(text: string): void {
    if (!this.socket.destroyed && this.socket.writable) this.socket.write(text);
  }
}

// The select()-style chat server of the teaching text, event-driven: it asks every new
// connection for a username over the socket, announces joins and leaves, and relays each line
// as "name: text" to everyone but its sender.
export class TcpChatServer {
  private readonly server: Server;
  private readonly connections = new Set<Connection>();

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {
    this.server = createServer((socket) => this.accept(socket));
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, this.host, () => {
        this.server.off('error', reject);
        this.server.on('error', (error) => warn(`server error: ${error.message}`));
        const bound = this.server.address();
        if (bound !== null && typeof bound === 'object') say(describeListening(bound.address, bound.port));
        resolve();
      });
    });
  }

  stop(): void {
    for (const connection of this.connections) connection.socket.destroy();
    this.server.close();
  }

  private accept(socket: Socket): void {
    const connection = new Connection(socket);
    this.connections.add(connection);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      for (const line of connection.lines.push(chunk)) this.onLine(connection, line);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      warn(
        `connection from ${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'} failed: ${error.code ?? error.message}`,
      );
    });
    socket.on('close', () => this.leave(connection));
    connection.send(usernamePrompt);
  }

  private onLine(connection: Connection, line: string): void {
    if (connection.name === undefined) return this.chooseName(connection, line.trim());
    if (line.trim() === '') return;
    say(formatChatLine(connection.name, line));
    this.broadcast(connection, `${formatChatLine(connection.name, line)}\n`);
  }

  private chooseName(connection: Connection, name: string): void {
    if (name === '') return connection.send(usernamePrompt);
    if ([...name].length > 32 || /[\s:\u0000-\u001f\u007f]/u.test(name)) {
      return connection.send(`${invalidName}\n${usernamePrompt}`);
    }
    const wanted = name.toLowerCase();
    if ([...this.connections].some((other) => other.name?.toLowerCase() === wanted)) {
      return connection.send(`${nameTaken}\n${usernamePrompt}`);
    }
    connection.name = name;
    connection.send(`${describeJoined(name)}\n`);
    say(formatPresence(name, 'joined'));
    this.broadcast(connection, `${formatPresence(name, 'joined')}\n`);
  }

  private leave(connection: Connection): void {
    if (!this.connections.delete(connection) || connection.name === undefined) return;
    say(formatPresence(connection.name, 'left'));
    this.broadcast(connection, `${formatPresence(connection.name, 'left')}\n`);
  }

  private broadcast(sender: Connection, text: string): void {
    for (const connection of this.connections) {
      if (connection !== sender && connection.name !== undefined) connection.send(text);
    }
  }
}
