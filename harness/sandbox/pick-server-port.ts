import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import type { Transport } from '../model/implementation.js';

// Ports the harness hands a server ({port} in its command, or its port prompt): below the
// kernel's ephemeral range (32768 and up), so no relay or client socket bound to port 0 can
// take one between the check and the server's own bind.
const lowest = 20000;
const highest = 32000;

// A port free on every address for this transport, for a server the harness tells where to
// listen. Without namespaces, concurrent runs share the machine's ports: each try is random,
// and checked by binding it.
export async function pickServerPort(transport: Transport, tries = 50): Promise<number> {
  for (let attempt = 0; attempt < tries; attempt++) {
    const port = randomInt(lowest, highest);
    if (await isFree(port, transport)) return port;
  }
  throw new Error(`no free ${transport.toUpperCase()} port found in ${lowest}-${highest} after ${tries} tries`);
}

function isFree(port: number, transport: Transport): Promise<boolean> {
  return new Promise((resolve) => {
    if (transport === 'udp') {
      const socket = dgram.createSocket({ type: 'udp4', reuseAddr: false });
      socket.once('error', () => {
        try {
          socket.close();
        } catch {
          // never bound: nothing to close
        }
        resolve(false);
      });
      socket.bind(port, '0.0.0.0', () => socket.close(() => resolve(true)));
      return;
    }
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(true)));
  });
}
