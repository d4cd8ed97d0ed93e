import { createServer } from 'node:net';
import { readListenHost, readListenPort } from '../shared/listen-port.js';
import { listenAndSay } from '../shared/serve-until-signal.js';
import { say, warn } from '../shared/say.js';

// The greeting every connection gets before the server hangs up (the lab sheet's own words).
const greeting = 'Thank you for connecting';

// Entry point of the reference greeting server of the lab sheet:
// `node dist/reference/greet-tcp/server.js`. It accepts each connection, sends the greeting and
// closes it, and keeps accepting. PORT (default 9999) and HOST (default 0.0.0.0).
const host = readListenHost(process.env);
const port = readListenPort(process.env);
const server = createServer((socket) => {
  say(`Got connection from ${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`);
  socket.on('error', (error: NodeJS.ErrnoException) => warn(`connection error: ${error.code ?? error.message}`));
  socket.end(`${greeting}\n`);
});
listenAndSay(server, host, port);
