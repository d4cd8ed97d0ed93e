import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRubric } from '../../harness/rubric/load-rubric.js';
import type { Rubric } from '../../harness/rubric/rubric.js';
import { defaultPatterns, defaultPrompts } from '../../harness/rubric/rubric-defaults.js';
import { loadManifest } from '../../harness/submission/load-manifest.js';
import type { ManifestDocument } from '../../harness/submission/manifest-schema.js';
import { resolveLaunch, type RubricLaunch } from '../../harness/submission/resolve-launch.js';
import { describeLaunch } from '../../harness/report/describe-launch.js';
import { repoRoot } from '../helpers/cli.js';

const examples = path.join(repoRoot, 'submissions', 'examples', 'udp-chat');
const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function submission(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sockgrade-launch-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

async function manifestOf(dir: string): Promise<ManifestDocument | undefined> {
  const loaded = await loadManifest(dir);
  if (!loaded.ok) throw new Error('the manifest should load');
  return loaded.manifest;
}

async function rubricOf(name: string): Promise<Rubric> {
  const loaded = await loadRubric(path.join(repoRoot, 'rubrics', name));
  if (!loaded.ok) throw new Error(`${name} should load`);
  return loaded.rubric;
}

// A rubric that names only its launch commands and password: everything else is sockgrade's default.
const bare: RubricLaunch = {
  launch: { server: 'python3 server.py', client: 'python3 client.py' },
  password: '123',
  prompts: {} as Rubric['prompts'],
  patterns: {},
  commands: { file: '/file {path}' },
  declared: { prompts: [], patterns: [], commands: [] },
};

const cFiles = { Makefile: 'all:\n\tcc -o server server.c\n', 'server.c': 'int main(void) { return 0; }\n' };

describe('resolveLaunch', () => {
  it("takes a Python submission's commands and password from the rubric, the rest from the defaults", () => {
    const launch = resolveLaunch(path.join(examples, 'full-marks'), undefined, bare);
    expect(launch).toMatchObject({
      server: 'python3 server.py',
      client: 'python3 client.py',
      build: undefined,
      password: '123',
    });
    expect(launch.prompts).toEqual(defaultPrompts);
    expect(launch.patterns).toEqual(defaultPatterns);
    expect(launch.commands).toEqual({ file: '/file {path}' });
    expect(launch.from).toMatchObject({
      server: 'the rubric',
      client: 'the rubric',
      password: 'the rubric',
      'prompts.name': 'the default',
      'patterns.joined': 'the default',
    });
    expect(launch.from['build']).toBeUndefined();
  });

  it('takes a folder with a Makefile and no Python for C: make, ./server, ./client', () => {
    const launch = resolveLaunch(submission(cFiles), undefined, bare);
    expect(launch).toMatchObject({ server: './server', client: './client', build: 'make' });
    expect(launch.from).toMatchObject({
      server: 'the C convention (Makefile)',
      client: 'the C convention (Makefile)',
      build: 'the C convention (Makefile)',
    });
  });

  it("keeps the Makefile's client when a manifest names only the build and the server (the c-chat bug of issue 11)", async () => {
    const dir = submission({ ...cFiles, 'sockgrade.yaml': 'build: make\nserver: ./server {port}\n' });
    const launch = resolveLaunch(dir, await manifestOf(dir), bare);
    expect(launch).toMatchObject({ server: './server {port}', client: './client', build: 'make' });
    expect(launch.from).toMatchObject({
      server: 'sockgrade.yaml',
      client: 'the C convention (Makefile)',
      build: 'sockgrade.yaml',
    });
  });

  it("keeps the rubric's client for a Python submission whose manifest names only the server", async () => {
    const dir = submission({
      'server.py': 'print(1)\n',
      'client.py': 'print(1)\n',
      'sockgrade.yaml': 'server: python3 server.py {port}\n',
    });
    const launch = resolveLaunch(dir, await manifestOf(dir), bare);
    expect(launch).toMatchObject({ server: 'python3 server.py {port}', client: 'python3 client.py', build: undefined });
    expect(launch.from).toMatchObject({ server: 'sockgrade.yaml', client: 'the rubric' });
  });

  it("keeps the rubric's commands for a Python submission that also has a Makefile", () => {
    const launch = resolveLaunch(
      submission({ Makefile: 'all:\n\ttrue\n', 'server.py': 'print(1)\n' }),
      undefined,
      bare,
    );
    expect(launch).toMatchObject({ server: 'python3 server.py', build: undefined });
  });

  it('lets a manifest override one prompt, one pattern and the password, field by field', async () => {
    const dir = submission({
      'sockgrade.yaml': "password: rahasia\nprompts: { name: 'Siapa kamu' }\npatterns: { joined: 'Masuk sebagai' }\n",
    });
    const launch = resolveLaunch(dir, await manifestOf(dir), bare);
    expect(launch.password).toBe('rahasia');
    expect(launch.prompts).toEqual({ ...defaultPrompts, name: 'Siapa kamu' });
    expect(launch.patterns).toEqual({ ...defaultPatterns, joined: 'Masuk sebagai' });
    expect(launch.from).toMatchObject({
      password: 'sockgrade.yaml',
      'prompts.name': 'sockgrade.yaml',
      'prompts.host': 'the default',
      'patterns.joined': 'sockgrade.yaml',
      'patterns.refused': 'the default',
    });
  });

  it("uses a rubric's own quit command, and a manifest's over it; names none when neither does", async () => {
    const withQuit: RubricLaunch = {
      ...bare,
      commands: { file: '/file {path}', quit: '/exit' },
      declared: { ...bare.declared, commands: ['quit'] },
    };
    expect(resolveLaunch(path.join(examples, 'full-marks'), undefined, withQuit).commands['quit']).toBe('/exit');
    const dir = submission({ 'sockgrade.yaml': 'commands: { quit: /keluar }\n' });
    const launch = resolveLaunch(dir, await manifestOf(dir), withQuit);
    expect(launch.commands['quit']).toBe('/keluar');
    expect(launch.from['commands.quit']).toBe('sockgrade.yaml');
    expect(resolveLaunch(path.join(examples, 'full-marks'), undefined, bare).commands['quit']).toBeUndefined();
  });

  it("says a shipped rubric's own patterns came from the rubric, and the integrity pattern too", async () => {
    const launch = resolveLaunch(path.join(examples, 'full-marks'), undefined, await rubricOf('udp-chat.yaml'));
    expect(launch.from).toMatchObject({
      'patterns.joined': 'the rubric',
      'patterns.integrity': 'the rubric',
      'prompts.host': 'the rubric',
      'commands.file': 'the default',
    });
  });

  it("reads the C example's own sockgrade.yaml", async () => {
    const dir = path.join(examples, 'c-chat');
    const launch = resolveLaunch(dir, await manifestOf(dir), await rubricOf('udp-chat.yaml'));
    expect(launch).toMatchObject({ server: './server', client: './client', build: 'make' });
  });
});

describe('describeLaunch', () => {
  it('names the commands with their origin, how the client quits, and what the manifest set', async () => {
    const dir = submission({
      ...cFiles,
      'sockgrade.yaml': 'build: make\nserver: ./server {port}\npassword: rahasia\n',
    });
    const launch = resolveLaunch(dir, await manifestOf(dir), bare);
    const settings = Object.entries(launch.from).map(([setting, from]) => ({
      setting,
      from,
      ...(setting === 'server'
        ? { value: launch.server }
        : setting === 'client'
          ? { value: launch.client }
          : setting === 'build'
            ? { value: 'make' }
            : {}),
    }));
    expect(describeLaunch(settings)).toBe(
      'build "make" (sockgrade.yaml); server "./server {port}" (sockgrade.yaml); client "./client" (the C convention (Makefile)); quit by closing input, then Ctrl-C; password from sockgrade.yaml',
    );
  });

  it('says nothing of quitting when no client of the student was started (a server-only rubric)', () => {
    expect(
      describeLaunch([
        { setting: 'server', value: 'python3 server.py', from: 'the default' },
        { setting: 'password', from: 'the rubric' },
      ]),
    ).toBe('server "python3 server.py" (the default)');
  });

  it('says nothing for a result saved before launch settings were recorded', () => {
    expect(describeLaunch(undefined)).toBeUndefined();
  });
});
