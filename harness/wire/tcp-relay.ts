import net from 'node:net';
import type { UpstreamTarget } from './udp-relay.js';
import type { WireLog } from './wire-log.js';

// A TCP relay for one client link: one upstream connection per accepted one, each read recorded.
export class TcpRelay {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    private readonly link: string,
    private readonly target: UpstreamTarget,
    private readonly log: WireLog,
  ) {
    this.server = net.createServer((client) => this.relay(client));
    this.server.on('error', () => undefined);
  }

  // Starts listening on the given loopback address; resolves to the port the client is told.
  listen(host: string): Promise<{ host: string; port: number }> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, host, () => {
        this.server.off('error', reject);
        const address = this.server.address() as net.AddressInfo;
        resolve({ host, port: address.port });
      });
    });
  }

  close(): void {
    for (const socket of this.sockets) socket.destroy();
    this.server.close();
  }

  private relay(client: net.Socket): void {
    const target = this.target();
    if (target === undefined) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('data', (chunk) => {
      this.log.add(this.link, 'up', chunk);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      this.log.add(this.link, 'down', chunk);
      client.write(chunk);
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    client.on('close', (hadError) => (hadError ? upstream.resetAndDestroy() : upstream.destroy()));
    upstream.on('close', (hadError) => (hadError ? client.resetAndDestroy() : client.destroy()));
  }
}
