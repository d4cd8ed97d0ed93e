import { createSocket } from 'node:dgram';
import { readListenHost, readListenPort } from '../shared/listen-port.js';
import { say, warn } from '../shared/say.js';

// Entry point of the reference UDP echo server: `node dist/reference/echo-udp/server.js`. Each
// datagram, whatever its bytes (empty, not UTF-8, up to 64 KiB), goes back whole to the address
// and port it came from. PORT (default 9999) and HOST (default 0.0.0.0) say where it listens.
const host = readListenHost(process.env);
const port = readListenPort(process.env);
const socket = createSocket('udp4');
socket.on('message', (datagram, from) => {
  say(`${datagram.length} bytes from ${from.address}:${from.port}`);
  socket.send(datagram, from.port, from.address, (error) => {
    if (error) warn(`cannot echo to ${from.address}:${from.port}: ${error.message}`);
  });
});
socket.on('error', (error: NodeJS.ErrnoException) => {
  say(`error: udp ${host}:${port}: ${error.code ?? error.message}`);
  process.exit(1);
});
socket.bind(port, host, () => say(`server listening on udp ${host}:${socket.address().port}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
