import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { runTool } from './run-tool.js';

// Inside a fresh network namespace: bring loopback up, and give it the address this machine's
// hostname resolves to, so a server bound to gethostbyname(gethostname()) is reachable.
export async function setupNetwork(): Promise<void> {
  await ip(['link', 'set', 'lo', 'up']);
  let address: string | undefined;
  try {
    address = (await lookup(hostname(), { family: 4 })).address;
  } catch {
    return; // a hostname that does not resolve fails the student's program the same way everywhere
  }
  if (!address.startsWith('127.')) {
    await ip(['addr', 'add', `${address}/32`, 'dev', 'lo']);
  }
}

async function ip(args: readonly string[]): Promise<void> {
  const { code, stderr } = await runTool('ip', args);
  if (code !== 0) throw new Error(`ip ${args.join(' ')} failed (exit ${code}): ${stderr}`);
}
