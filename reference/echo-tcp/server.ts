import { createServer, type Socket } from 'node:net';
import { readListenHost, readListenPort } from '../shared/listen-port.js';
import { listenAndSay } from '../shared/serve-until-signal.js';
import { say, warn } from '../shared/say.js';

// Entry point of the reference TCP echo server: `node dist/reference/echo-tcp/server.js`. Every
// connection is served at once, on its own, and gets back every byte it sends, in order; after
// the client half-closes, the server sends what is left and closes its side too. PORT (default
// 9999) and HOST (default 0.0.0.0) say where it listens.
function serve(socket: Socket): void {
  const peer = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
  say(`connection from ${peer}`);
  // pipe() waits for the client to read before it reads more, and ends our side after theirs.
  socket.pipe(socket);
  socket.on('error', (error: NodeJS.ErrnoException) => warn(`${peer}: ${error.code ?? error.message}`));
  socket.on('close', () => say(`${peer} closed`));
}

const host = readListenHost(process.env);
const port = readListenPort(process.env);
const server = createServer({ allowHalfOpen: true }, serve);
listenAndSay(server, host, port);
