import { connect, type Socket } from 'node:net';
import type { LineInput } from '../shared/line-input.js';
import { parsePort } from '../shared/listen-port.js';
import { say, warn } from '../shared/say.js';

// The small client of the teaching text: asks for the server, then copies typed lines to the
// socket and everything the socket says (the server's username prompt included) to stdout.
export class TcpChatClient {
  private socket: Socket | undefined;
  private quitting = false;
  private settle: (code: number) => void = () => undefined;
  private readonly finished = new Promise<number>((resolve) => (this.settle = resolve));

  constructor(private readonly input: LineInput) {}

  // Runs until the user quits or the server hangs up; resolves with the exit code.
  async run(): Promise<number> {
    const host = await this.input.ask('Server IP: ');
    const portAnswer = host === undefined ? undefined : await this.input.ask('Port: ');
    if (host === undefined || portAnswer === undefined) {
      say('error: input ended before the prompts were answered');
      return 1;
    }
    const port = parsePort(portAnswer);
    if (port === undefined) {
      say(`error: "${portAnswer.trim()}" is not a port number (1 to 65535)`);
      return 1;
    }
    const address = host.trim() === '' ? '127.0.0.1' : host.trim();
    const socket = connect({ host: address, port });
    this.socket = socket;
    let connected = false;
    socket.on('connect', () => {
      connected = true;
      void this.relayInput(socket);
    });
    socket.on('data', (chunk: Buffer) => process.stdout.write(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (!connected) {
        say(`error: cannot connect to ${address}:${port}: ${error.code ?? error.message}`);
        this.settle(1);
      } else warn(`connection error: ${error.code ?? error.message}`);
    });
    socket.on('close', () => {
      if (!this.quitting && connected) say('* connection closed by server');
      this.settle(connected ? 0 : 1);
    });
    return this.finished;
  }

  private async relayInput(socket: Socket): Promise<void> {
    for (;;) {
      const line = await this.input.next();
      if (line === undefined || line.trim() === '!q') break;
      if (socket.destroyed) return;
      socket.write(`${line}\n`);
    }
    this.quitting = true;
    socket.end();
  }
}
