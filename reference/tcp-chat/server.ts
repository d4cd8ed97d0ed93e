import { readListenHost, readListenPort } from '../shared/listen-port.js';
import { say } from '../shared/say.js';
import { TcpChatServer } from './tcp-chat-server.js';

// Entry point of the reference TCP chat server: `node dist/reference/tcp-chat/server.js`;
// PORT (default 9999) and HOST (default 0.0.0.0) may override where it listens.
async function main(): Promise<number> {
  const port = readListenPort(process.env);
  const host = readListenHost(process.env);
  const server = new TcpChatServer(host, port);
  try {
    await server.start();
  } catch (error) {
    say(`error: cannot listen on tcp ${host}:${port}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return 1;
  }
  return new Promise((resolve) => {
    const stop = (): void => {
      server.stop();
      resolve(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
