import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findBoundSocket } from '../../harness/actors/discover-port.js';
import { repoRoot } from '../helpers/cli.js';

const bindScript = path.join(repoRoot, 'test', 'fixtures', 'programs', 'socket-server', 'bind.py');
const env = { PATH: '/usr/local/bin:/usr/bin:/bin', PYTHONUNBUFFERED: '1' };
const started: ChildProcess[] = [];

afterEach(() => {
  for (const child of started.splice(0)) {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

// Starts the bind fixture (through a shell when asked) and resolves once it says what it bound.
async function startServer(args: string[], viaShell = false): Promise<{ pid: number; port: number | undefined }> {
  const argv = viaShell
    ? ['/bin/sh', '-c', `python3 ${bindScript} ${args.join(' ')}; exit 0`]
    : ['python3', bindScript, ...args];
  const child = spawn(argv[0] as string, argv.slice(1), { env, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  let output = '';
  const line = await new Promise<string>((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`no "bound" line within 10 s; output: ${output}`)), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /^bound .*$/m.exec(output);
      if (match) {
        clearTimeout(deadline);
        resolve(match[0]);
      }
    });
    child.on('exit', () => reject(new Error(`the fixture exited early; output: ${output}`)));
  });
  const port = /^bound (\d+)$/.exec(line)?.[1];
  return { pid: child.pid as number, port: port === undefined ? undefined : Number(port) };
}

describe('findBoundSocket', () => {
  it('reports a UDP socket bound to 0.0.0.0 as reachable on 127.0.0.1', async () => {
    const server = await startServer(['udp', '0.0.0.0']);
    expect(findBoundSocket(server.pid, 'udp')).toEqual({
      host: '127.0.0.1',
      port: server.port,
      pid: server.pid,
      family: 4,
    });
  });

  it('reports a UDP socket bound to 127.0.0.1 with its own address', async () => {
    const server = await startServer(['udp', '127.0.0.1']);
    expect(findBoundSocket(server.pid, 'udp')).toEqual({
      host: '127.0.0.1',
      port: server.port,
      pid: server.pid,
      family: 4,
    });
  });

  it('reports a UDP socket bound to a 127.x.y.z address other than 127.0.0.1 with that address', async () => {
    const server = await startServer(['udp', '127.45.6.7']);
    expect(findBoundSocket(server.pid, 'udp')).toEqual({
      host: '127.45.6.7',
      port: server.port,
      pid: server.pid,
      family: 4,
    });
  });

  it('reports an IPv6 UDP socket bound to :: as reachable on ::1', async () => {
    const server = await startServer(['udp', '::']);
    expect(findBoundSocket(server.pid, 'udp')).toEqual({ host: '::1', port: server.port, pid: server.pid, family: 6 });
  });

  it('reports an IPv6 UDP socket bound to ::1 as ::1', async () => {
    const server = await startServer(['udp', '::1']);
    expect(findBoundSocket(server.pid, 'udp')).toEqual({ host: '::1', port: server.port, pid: server.pid, family: 6 });
  });

  it('reports a listening TCP socket when asked for tcp', async () => {
    const server = await startServer(['tcp', '0.0.0.0']);
    expect(findBoundSocket(server.pid, 'tcp')).toEqual({
      host: '127.0.0.1',
      port: server.port,
      pid: server.pid,
      family: 4,
    });
  });

  it('does not take a TCP listener for a UDP socket, nor a UDP socket for a TCP listener', async () => {
    const tcp = await startServer(['tcp', '127.0.0.1']);
    const udp = await startServer(['udp', '127.0.0.1']);
    expect(findBoundSocket(tcp.pid, 'udp')).toBeUndefined();
    expect(findBoundSocket(udp.pid, 'tcp')).toBeUndefined();
  });

  it('ignores a TCP socket that is bound but not listening', async () => {
    const server = await startServer(['tcp', '127.0.0.1', 'unlistened']);
    expect(findBoundSocket(server.pid, 'tcp')).toBeUndefined();
  });

  it('ignores a connected UDP socket (a client, not a server)', async () => {
    const server = await startServer(['udp', '127.0.0.1', 'connected']);
    expect(findBoundSocket(server.pid, 'udp')).toBeUndefined();
  });

  it('finds the socket of a child process when the server is started through a shell', async () => {
    const server = await startServer(['udp', '0.0.0.0'], true);
    const found = findBoundSocket(server.pid, 'udp');
    expect(found).toMatchObject({ host: '127.0.0.1', port: server.port, family: 4 });
    expect(found?.pid).not.toBe(server.pid); // the shell holds no socket: its python child does
  });

  it('returns undefined for a process with no socket', async () => {
    const server = await startServer(['none', '-']);
    expect(findBoundSocket(server.pid, 'udp')).toBeUndefined();
    expect(findBoundSocket(server.pid, 'tcp')).toBeUndefined();
  });

  it('returns undefined for a pid that does not exist', () => {
    expect(findBoundSocket(2 ** 22 + 1, 'udp')).toBeUndefined();
  });
});
