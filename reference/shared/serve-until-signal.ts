import type { Server } from 'node:net';
import { say } from './say.js';

// A reference server as its entry point runs it: started once, stopped on SIGINT or SIGTERM.
export interface Serving {
  readonly where: string; // "tcp 0.0.0.0:9999", for the message when it cannot listen
  start(): Promise<void>;
  stop(): void;
}

// Runs a reference server's entry point: opens it (reading its settings), starts it, then serves
// until SIGINT or SIGTERM and exits 0. A failure to listen, or any other, is said and exits 1.
export function serveUntilSignal(open: () => Serving): void {
  serve(open).then(
    (code) => process.exit(code),
    (error: unknown) => {
      say(`error: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

async function serve(open: () => Serving): Promise<number> {
  const server = open();
  try {
    await server.start();
  } catch (error) {
    say(`error: cannot listen on ${server.where}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
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

// Listens with a plain net server and says where, or why it cannot; exits 0 on SIGINT or SIGTERM.
export function listenAndSay(server: Server, host: string, port: number): void {
  server.on('error', (error: NodeJS.ErrnoException) => {
    say(`error: cannot listen on tcp ${host}:${port}: ${error.code ?? error.message}`);
    process.exit(1);
  });
  server.listen(port, host, () => {
    const address = server.address();
    say(`server listening on tcp ${host}:${typeof address === 'object' && address ? address.port : port}`);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
}
