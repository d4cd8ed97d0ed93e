import net from 'node:net';
import type { FaultPlan } from './fault-plan.js';
import { FaultyPath } from './faulty-path.js';
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
    private readonly faults: FaultPlan,
  ) {
    // Half-open both ways: a client's shutdown(SHUT_WR) reaches the server as a FIN, and what the
    // server sends after it still reaches the client.
    this.server = net.createServer({ allowHalfOpen: true }, (client) => this.relay(client));
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

  // Resets every connection of this link, both ways, as a client that vanished would.
  sever(): void {
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.server.close();
  }

  private relay(client: net.Socket): void {
    const target = this.target();
    if (target === undefined) {
      client.destroy();
      return;
    }
    const upstream = net.connect({ port: target.port, host: target.host, allowHalfOpen: true });
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true); // a split write must leave as separate segments
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    const up = new FaultyPath(this.link, 'up', 'stream', this.faults, this.log, (bytes) => void upstream.write(bytes));
    const down = new FaultyPath(
      this.link,
      'down',
      'stream',
      this.faults,
      this.log,
      (bytes) => void client.write(bytes),
    );
    client.on('data', (chunk) => up.pass(chunk));
    upstream.on('data', (chunk) => down.pass(chunk));
    client.on('end', () => up.afterAll(() => upstream.end()));
    upstream.on('end', () => down.afterAll(() => client.end()));
    // An abrupt close (RST) on one side is passed on as an abrupt close on the other.
    client.on('close', (hadError) => (hadError ? upstream.resetAndDestroy() : upstream.destroy()));
    upstream.on('close', (hadError) => (hadError ? client.resetAndDestroy() : client.destroy()));
  }
}
