import { readListenHost, readListenPort } from '../shared/listen-port.js';
import { say } from '../shared/say.js';
import { ChatServer } from './chat-server.js';
import { readBreakModes, readRoomPassword } from './settings.js';

// Entry point of the reference UDP chat server: `node dist/reference/udp-chat/server.js`,
// started in its own working directory; PORT, HOST and CHAT_PASSWORD may override the defaults.
async function main(): Promise<number> {
  const port = readListenPort(process.env);
  const host = readListenHost(process.env);
  const server = new ChatServer({
    host,
    port,
    password: readRoomPassword(process.env),
    directory: process.cwd(),
    breaks: readBreakModes(process.env),
  });
  try {
    await server.start();
  } catch (error) {
    say(`error: cannot listen on udp ${host}:${port}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
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
