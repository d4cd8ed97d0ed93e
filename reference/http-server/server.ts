import { readListenHost, readListenPort } from '../shared/listen-port.js';
import { say } from '../shared/say.js';
import { HttpFileServer } from './http-file-server.js';

// Entry point of the reference HTTP/1.0 file server: `node dist/reference/http-server/server.js`;
// PORT (default 8080) and HOST (default 0.0.0.0) may override where it listens, DOC_ROOT (default
// www, relative to the working directory) what it serves.
async function main(): Promise<number> {
  const port = process.env['PORT'] === undefined ? 8080 : readListenPort(process.env);
  const host = readListenHost(process.env);
  const server = new HttpFileServer(process.env['DOC_ROOT'] ?? 'www');
  try {
    await server.start(host, port);
  } catch (error) {
    say(`error: cannot listen on tcp ${host}:${port}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
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
