import { readListenHost, readListenPort } from '../shared/listen-port.js';
import { serveUntilSignal } from '../shared/serve-until-signal.js';
import { ChatServer } from './chat-server.js';
import { readBreakModes, readRoomPassword } from './settings.js';

// Entry point of the reference UDP chat server: `node dist/reference/udp-chat/server.js`,
// started in its own working directory; PORT, HOST and CHAT_PASSWORD may override the defaults.
serveUntilSignal(() => {
  const port = readListenPort(process.env);
  const host = readListenHost(process.env);
  const server = new ChatServer({
    host,
    port,
    password: readRoomPassword(process.env),
    directory: process.cwd(),
    breaks: readBreakModes(process.env),
  });
  return { where: `udp ${host}:${port}`, start: () => server.start(), stop: () => server.stop() };
});
