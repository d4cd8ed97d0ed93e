import { readListenHost, readListenPort } from '../shared/listen-port.js';
import { serveUntilSignal } from '../shared/serve-until-signal.js';
import { HttpFileServer } from './http-file-server.js';

// Entry point of the reference HTTP/1.0 file server: `node dist/reference/http-server/server.js`;
// PORT (default 8080) and HOST (default 0.0.0.0) may override where it listens, DOC_ROOT (default
// www, relative to the working directory) what it serves.
serveUntilSignal(() => {
  const port = process.env['PORT'] === undefined ? 8080 : readListenPort(process.env);
  const host = readListenHost(process.env);
  const server = new HttpFileServer(process.env['DOC_ROOT'] ?? 'www');
  return { where: `tcp ${host}:${port}`, start: () => server.start(host, port), stop: () => server.stop() };
});
