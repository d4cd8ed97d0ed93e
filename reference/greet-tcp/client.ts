import { connect } from 'node:net';
import { LineInput } from '../shared/line-input.js';
import { parsePort } from '../shared/listen-port.js';
import { say } from '../shared/say.js';

// Entry point of the reference greeting client of the lab sheet:
// `node dist/reference/greet-tcp/client.js`. It asks `Server IP: ` and `Port: `, connects,
// prints everything the server sends, and exits 0 when the server closes (1 when it cannot connect).
async function main(): Promise<number> {
  const input = new LineInput(process.stdin);
  const host = (await input.ask('Server IP: '))?.trim();
  const portAnswer = host === undefined ? undefined : await input.ask('Port: ');
  const port = portAnswer === undefined ? undefined : parsePort(portAnswer);
  if (host === undefined || port === undefined) {
    say(`error: a server address and a port (1 to 65535) are needed`);
    return 1;
  }
  const address = host === '' ? '127.0.0.1' : host;
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    socket.on('data', (chunk: Buffer) => process.stdout.write(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      say(`error: cannot connect to ${address}:${port}: ${error.code ?? error.message}`);
      resolve(1);
    });
    socket.on('end', () => resolve(0));
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
