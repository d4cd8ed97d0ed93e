import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Program, referenceScript } from './program.js';

// Scratch folders, one per actor as if each ran on its own machine; removed by removeScratch.
const scratchRoots: string[] = [];

// A fresh scratch root; the returned function gives (and creates) one folder per actor.
export function makeScratch(): (actor: string) => string {
  const root = mkdtempSync(path.join(tmpdir(), 'sockgrade-reference-'));
  scratchRoots.push(root);
  return (actor) => {
    const folder = path.join(root, actor);
    mkdirSync(folder, { recursive: true });
    return folder;
  };
}

// Removes every scratch root made so far; for afterEach.
export function removeScratch(): void {
  for (const root of scratchRoots.splice(0)) rmSync(root, { recursive: true, force: true });
}

// Starts a reference server and waits for its listening line.
export async function startServer(
  kind: 'udp-chat' | 'tcp-chat',
  options: { cwd: string; port: number; env?: NodeJS.ProcessEnv },
): Promise<Program> {
  const server = Program.start(`${kind} server`, referenceScript(`${kind}/server.js`), {
    cwd: options.cwd,
    env: { PORT: String(options.port), ...options.env },
  });
  const transport = kind === 'udp-chat' ? 'udp' : 'tcp';
  await server.waitFor(`server listening on ${transport} 0.0.0.0:${options.port}\n`);
  return server;
}

// Starts a reference UDP client and answers its four prompts one by one, each only once it
// has been printed; does not wait for the outcome of the join.
export async function startUdpClient(
  name: string,
  options: { cwd: string; port: number; password?: string; env?: NodeJS.ProcessEnv },
): Promise<Program> {
  const client = Program.start(name, referenceScript('udp-chat/client.js'), {
    cwd: options.cwd,
    env: options.env ?? {},
  });
  const answers: [string, string][] = [
    ['Server IP: ', '127.0.0.1'],
    ['Port: ', String(options.port)],
    ['Name: ', name],
    ['Password: ', options.password ?? '123'],
  ];
  let offset = 0;
  for (const [prompt, answer] of answers) {
    await client.waitFor(new RegExp(`${escape(prompt)}$`), 20_000, offset);
    offset = client.output.length;
    client.type(answer);
  }
  return client;
}

// Starts a reference UDP client and waits until it has joined.
export async function joinUdpClient(
  name: string,
  options: { cwd: string; port: number; password?: string; env?: NodeJS.ProcessEnv },
): Promise<Program> {
  const client = await startUdpClient(name, options);
  await client.waitFor(`joined as ${name}\n`);
  return client;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
