import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadManifest } from '../../harness/submission/load-manifest.js';
import { resolveCommands } from '../../harness/submission/resolve-commands.js';
import { repoRoot } from '../helpers/cli.js';

const examples = path.join(repoRoot, 'submissions', 'examples', 'udp-chat');
const launch = { server: 'python3 server.py', client: 'python3 client.py' };
const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function submission(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sockgrade-commands-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('resolveCommands', () => {
  it('uses the rubric\'s launch commands for a Python submission', () => {
    expect(resolveCommands(path.join(examples, 'full-marks'), undefined, launch)).toEqual({
      ...launch,
      build: undefined,
      source: 'the rubric',
    });
  });

  it('takes a folder with a Makefile and no Python for C: make, ./server, ./client', () => {
    const dir = submission({ Makefile: 'all:\n\tcc -o server server.c\n', 'server.c': 'int main(void) { return 0; }\n' });
    expect(resolveCommands(dir, undefined, launch)).toEqual({
      server: './server',
      client: './client',
      build: 'make',
      source: 'the C convention (Makefile)',
    });
  });

  it('keeps the rubric\'s commands for a Python submission that also has a Makefile', () => {
    const dir = submission({ Makefile: 'all:\n\ttrue\n', 'server.py': 'print(1)\n' });
    expect(resolveCommands(dir, undefined, launch).source).toBe('the rubric');
  });

  it('lets a sockgrade.yaml override the commands, the rest from the rubric', async () => {
    const dir = submission({ 'sockgrade.yaml': 'server: python3 chat_server.py --port 9999\nbuild: make deps\n' });
    const loaded = await loadManifest(dir);
    if (!loaded.ok) throw new Error('the manifest should load');
    expect(resolveCommands(dir, loaded.manifest, launch)).toEqual({
      server: 'python3 chat_server.py --port 9999',
      client: 'python3 client.py',
      build: 'make deps',
      source: 'sockgrade.yaml',
    });
  });

  it('reads the C example\'s own sockgrade.yaml', async () => {
    const dir = path.join(examples, 'c-chat');
    const loaded = await loadManifest(dir);
    if (!loaded.ok) throw new Error('the manifest should load');
    expect(resolveCommands(dir, loaded.manifest, launch)).toEqual({ server: './server', client: './client', build: 'make', source: 'sockgrade.yaml' });
  });

  it('ignores a manifest that names no command (only a password, say)', () => {
    expect(resolveCommands(path.join(examples, 'full-marks'), { server: undefined }, { ...launch, build: 'true' })).toEqual({
      ...launch,
      build: 'true',
      source: 'the rubric',
    });
  });
});
