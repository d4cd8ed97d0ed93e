import { existsSync } from 'node:fs';
import path from 'node:path';

// How a submission is built and started, and where each command came from.
export interface Commands {
  readonly server: string;
  readonly client: string;
  readonly build: string | undefined;
  readonly source: string; // "sockgrade.yaml", "the rubric", or the convention used
}

// Chooses the commands: the submission's sockgrade.yaml first, then the rubric's launch
// templates, then conventions (a Makefile means C: build with make, run ./server and ./client).
export function resolveCommands(
  dir: string,
  manifest: { server?: string | undefined; client?: string | undefined; build?: string | undefined } | undefined,
  launch: { server?: string | undefined; client?: string | undefined; build?: string | undefined },
): Commands {
  if (manifest?.server !== undefined || manifest?.client !== undefined || manifest?.build !== undefined) {
    return {
      server: manifest.server ?? launch.server ?? 'python3 server.py',
      client: manifest.client ?? launch.client ?? 'python3 client.py',
      build: manifest.build ?? launch.build,
      source: 'sockgrade.yaml',
    };
  }
  const hasPython = existsSync(path.join(dir, 'server.py')) || existsSync(path.join(dir, 'client.py'));
  if (!hasPython && existsSync(path.join(dir, 'Makefile'))) {
    return { server: './server', client: './client', build: 'make', source: 'the C convention (Makefile)' };
  }
  return {
    server: launch.server ?? 'python3 server.py',
    client: launch.client ?? 'python3 client.py',
    build: launch.build,
    source: 'the rubric',
  };
}
