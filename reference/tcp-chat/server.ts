import { readListenHost, readListenPort } from '../shared/listen-port.js';
import { serveUntilSignal } from '../shared/serve-until-signal.js';
import { TcpChatServer } from './tcp-chat-server.js';

// Entry point of the reference TCP chat server: `node dist/reference/tcp-chat/server.js`;
// PORT (default 9999) and HOST (default 0.0.0.0) may override where it listens.
serveUntilSignal(() => {
  const port = readListenPort(process.env);
  const host = readListenHost(process.env);
  const server = new TcpChatServer(host, port);
  return { where: `tcp ${host}:${port}`, start: () => server.start(), stop: () => server.stop() };
});
