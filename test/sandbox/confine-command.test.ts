import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Actor } from '../../harness/actors/actor.js';
import { buildActorEnv, confineCommand, type Confinement } from '../../harness/sandbox/confine-command.js';
import { defaultLimits, type Limits } from '../../harness/sandbox/limits.js';
import { sweepUid } from '../../harness/sandbox/process-tree.js';
import { makeActorWorkdir } from '../../harness/sandbox/workdir.js';
import { waitForActor } from '../../harness/actors/wait-for.js';
import { repoRoot } from '../helpers/cli.js';
import { findLeftovers } from '../helpers/leftovers.js';

const probeDir = path.join(repoRoot, 'test', 'fixtures', 'programs', 'sandbox-probe');
const runDir = mkdtempSync(path.join(tmpdir(), 'sockgrade-confine-'));
chmodSync(runDir, 0o711); // as run-in-sandbox does: the run's uid may enter its own copy
// uids of our own, far from those sockgrade gives its runs (200000 + 0..499999), distinct per worker
const baseUid = 800_000 + (process.pid % 10_000) * 10;
const limits: Limits = { processes: 12, memoryMb: 512, cpuSeconds: 7, fileSizeMb: 3, outputKb: 256 };
const actors: Actor[] = [];
const isRoot = process.getuid?.() === 0;

afterEach(() => {
  for (const actor of actors.splice(0)) actor.kill();
});
afterAll(() => {
  for (let uid = baseUid; uid < baseUid + 10; uid++) sweepUid(uid);
  rmSync(runDir, { recursive: true, force: true });
});

// Runs a shell command confined as launchActor does (its own copy, the actor env), to its end.
async function runConfined(
  command: string,
  confinement: Confinement,
  name: string,
): Promise<{ output: string; exit: unknown; workdir: string }> {
  const workdir = makeActorWorkdir(probeDir, runDir, name, confinement.uid);
  const actor = new Actor({
    name,
    argv: confineCommand(command, confinement),
    cwd: workdir,
    env: buildActorEnv(workdir),
    outputLimitBytes: confinement.limits.outputKb * 1024,
    clock: () => 0,
    record: () => undefined,
  });
  actors.push(actor);
  await actor.start();
  const exit = await Promise.race([
    actor.whenExited(),
    new Promise((resolve) => setTimeout(() => resolve('still running after 30 s'), 30_000)),
  ]);
  return { output: actor.output, exit, workdir };
}

// Re-checks a condition every 20 ms until it holds or the deadline passes.
async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

interface Probe {
  uid: number;
  euid: number;
  gid: number;
  groups: number[];
  limits: Record<string, [string, string]>;
  env: Record<string, string>;
}

describe('confineCommand', () => {
  it('builds unshare, setpriv, prlimit and stdbuf around the command, in that order', () => {
    const argv = confineCommand('python3 server.py', { isolation: 'netns', uid: 200_123, limits });
    expect(argv).toEqual([
      'unshare', '--pid', '--fork', '--kill-child',
      'setpriv', '--reuid=200123', '--regid=200123', '--clear-groups', '--no-new-privs', '--pdeathsig=SIGKILL',
      'prlimit', '--nproc=12', `--as=${512 * 1024 * 1024}`, '--cpu=7', `--fsize=${3 * 1024 * 1024}`, '--core=0', '--nofile=256', '--',
      'stdbuf', '-o0', '-e0', '/bin/sh', '-c', 'python3 server.py',
    ]);
  });

  it('leaves out the pid namespace without netns, and setpriv without a uid', () => {
    const argv = confineCommand('./server', { isolation: 'none', uid: undefined, limits: defaultLimits });
    expect(argv[0]).toBe('prlimit');
    expect(argv.slice(-6)).toEqual(['stdbuf', '-o0', '-e0', '/bin/sh', '-c', './server']);
    expect(argv).not.toContain('setpriv');
    expect(argv).not.toContain('unshare');
  });
});

describe.skipIf(!isRoot)('a confined program, run for real as root', () => {
  it('runs as the given uid and gid, with no supplementary groups', async () => {
    const uid = baseUid;
    const { output, exit } = await runConfined('id -u; id -g; id -G; python3 probe.py', { isolation: 'netns', uid, limits }, 'ids');
    expect(exit).toEqual({ kind: 'exited', code: 0 });
    const [idU, idG, idGroups, json] = output.trim().split('\n');
    expect([idU, idG, idGroups]).toEqual([String(uid), String(uid), String(uid)]);
    const probe = JSON.parse(json ?? '{}') as Probe;
    expect(probe).toMatchObject({ uid, euid: uid, gid: uid, groups: [] });
  });

  it('applies the process, file size, CPU time and address space limits', async () => {
    const { output, exit } = await runConfined('python3 probe.py', { isolation: 'netns', uid: baseUid + 1, limits }, 'limits');
    expect(exit).toEqual({ kind: 'exited', code: 0 });
    const probe = JSON.parse(output) as Probe;
    expect(probe.limits['Max processes']).toEqual(['12', '12']);
    expect(probe.limits['Max file size']).toEqual([String(3 * 1024 * 1024), String(3 * 1024 * 1024)]);
    expect(probe.limits['Max cpu time']).toEqual(['7', '7']);
    expect(probe.limits['Max address space']).toEqual([String(512 * 1024 * 1024), String(512 * 1024 * 1024)]);
    expect(probe.limits['Max core file size']).toEqual(['0', '0']);
    expect(probe.limits['Max open files']).toEqual(['256', '256']);
  });

  it('keeps a fork bomb under the process limit, and nothing of it outlives the run', async () => {
    const uid = baseUid + 2;
    const { output, exit } = await runConfined('python3 fork-bomb.py', { isolation: 'netns', uid, limits }, 'bomb');
    expect(exit).toEqual({ kind: 'exited', code: 0 });
    const counts = JSON.parse(output) as { forked: number; refused: number };
    expect(counts.forked).toBeLessThan(limits.processes);
    expect(counts.refused).toBeGreaterThan(0);
    expect(counts.forked + counts.refused).toBe(200);
    // The bomb's first process was the pid namespace's init: its children ended with it.
    expect(findLeftovers({ uids: { from: uid, to: uid + 1 } })).toEqual([]);
  });

  it('also limits processes without a pid namespace, where sweepUid ends what is left', async () => {
    const uid = baseUid + 3;
    const confinement: Confinement = { isolation: 'none', uid, limits };
    const workdir = makeActorWorkdir(probeDir, runDir, 'bomb-none', uid);
    const actor = new Actor({
      name: 'bomb-none',
      argv: confineCommand('python3 fork-bomb.py', confinement),
      cwd: workdir,
      env: buildActorEnv(workdir),
      outputLimitBytes: 64 * 1024,
      clock: () => 0,
      record: () => undefined,
    });
    actors.push(actor);
    await actor.start();
    expect(await waitForActor(actor, () => actor.output.includes('}'), 20_000)).toBe(true);
    const counts = JSON.parse(actor.output) as { forked: number; refused: number };
    expect(counts.forked).toBeLessThan(limits.processes);
    expect(counts.refused).toBeGreaterThan(0);
    const live = (): string[] => findLeftovers({ uids: { from: uid, to: uid + 1 } });
    expect(live().length).toBeGreaterThan(0); // its sleeping children outlive it here
    sweepUid(uid);
    expect(await waitUntil(() => live().length === 0, 10_000), live().join('\n')).toBe(true);
  });

  it('gives the program PYTHONUNBUFFERED=1 and none of the harness\'s environment', async () => {
    process.env['FOO_SECRET'] = 'do-not-leak';
    try {
      const { output, workdir } = await runConfined('python3 probe.py', { isolation: 'netns', uid: baseUid + 4, limits }, 'env');
      const { env } = JSON.parse(output) as Probe;
      expect(env['PYTHONUNBUFFERED']).toBe('1');
      expect(env['HOME']).toBe(workdir);
      expect(env['PATH']).toBe('/usr/local/bin:/usr/bin:/bin');
      expect(env['FOO_SECRET']).toBeUndefined();
      // Only what buildActorEnv sets, and what stdbuf adds to unbuffer C stdio.
      const allowed = new Set([...Object.keys(buildActorEnv(workdir)), 'LD_PRELOAD', '_STDBUF_O', '_STDBUF_E', 'PWD', 'SHLVL', '_']);
      expect(Object.keys(env).filter((key) => !allowed.has(key))).toEqual([]);
    } finally {
      delete process.env['FOO_SECRET'];
    }
  });

  it('gives the program its own copy of the submission, owned by its uid', async () => {
    const uid = baseUid + 5;
    const { output } = await runConfined('stat -c %u probe.py; touch made-by-student && echo wrote', { isolation: 'netns', uid, limits }, 'copy');
    expect(output.trim().split('\n')).toEqual([String(uid), 'wrote']);
  });
});

describe('buildActorEnv', () => {
  it('is a fixed environment whose HOME is the actor\'s working copy', () => {
    expect(buildActorEnv('/tmp/run/alice')).toEqual({
      PATH: '/usr/local/bin:/usr/bin:/bin',
      HOME: '/tmp/run/alice',
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      TERM: 'dumb',
      PYTHONUNBUFFERED: '1',
      PYTHONDONTWRITEBYTECODE: '1',
      PYTHONIOENCODING: 'utf-8',
    });
  });
});
