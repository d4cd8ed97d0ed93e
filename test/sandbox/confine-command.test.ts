import { chmodSync, existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
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
const baseUid = 800_000 + (process.pid % 10_000) * 20;
const limits: Limits = { processes: 12, memoryMb: 512, cpuSeconds: 7, fileSizeMb: 3, outputKb: 256, submissionMb: 50 };
const actors: Actor[] = [];
const isRoot = process.getuid?.() === 0;
// Where the shell sets the limits itself (Debian, Ubuntu); elsewhere prlimit and stdbuf do.
const dashShell = realpathSync('/bin/sh').endsWith('/dash') && existsSync('/usr/libexec/coreutils/libstdbuf.so');

afterEach(() => {
  for (const actor of actors.splice(0)) actor.kill();
});
afterAll(async () => {
  for (let uid = baseUid; uid < baseUid + 20; uid++) await sweepUid(uid);
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
    argv: confineCommand(command, confinement, { writable: workdir }),
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
  it.skipIf(!dashShell)(
    'builds unshare, setpriv and a shell that sets the limits and unbuffers stdio before the command, in that order',
    () => {
      const argv = confineCommand(
        'python3 server.py',
        { isolation: 'netns', sandbox: 'unshare', uid: 200_123, limits },
        { writable: '/tmp/x' },
      );
      expect(argv).toEqual([
        'unshare',
        '--pid',
        '--fork',
        '--kill-child',
        'setpriv',
        '--reuid=200123',
        '--regid=200123',
        '--clear-groups',
        '--no-new-privs',
        '--pdeathsig=SIGKILL',
        '/bin/sh',
        '-c',
        `ulimit -p 12 && ulimit -v ${512 * 1024} && ulimit -t 7 && ulimit -f ${3 * 2048} && ulimit -c 0 && ulimit -n 256 || exit 126; ` +
          'export LD_PRELOAD=/usr/libexec/coreutils/libstdbuf.so _STDBUF_O=0 _STDBUF_E=0; python3 server.py',
      ]);
    },
  );

  it.skipIf(!dashShell)('leaves out the pid namespace without netns, and setpriv without a uid', () => {
    const argv = confineCommand(
      './server',
      { isolation: 'none', sandbox: 'none', uid: undefined, limits: defaultLimits },
      { writable: '/tmp/x' },
    );
    expect(argv.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    expect(argv[2]).toMatch(/; \.\/server$/);
    expect(argv).not.toContain('setpriv');
    expect(argv).not.toContain('unshare');
  });

  it('with bubblewrap, shows the program its copy read-write, the runtime read-only and private temporary folders', () => {
    const argv = confineCommand(
      './server',
      { isolation: 'netns', sandbox: 'bubblewrap', uid: 200_123, limits },
      { writable: '/tmp/run/alice', readable: ['/opt/probes'] },
    );
    const bwrap = argv.slice(0, argv.indexOf('--') + 1);
    expect(bwrap[0]).toBe('bwrap');
    expect(bwrap.join(' ')).toContain('--ro-bind /usr /usr');
    expect(bwrap.join(' ')).toContain(
      '--perms 1777 --tmpfs /tmp --perms 1777 --tmpfs /var/tmp --perms 1777 --tmpfs /dev/shm',
    );
    expect(bwrap.join(' ')).toContain('--perms 0755 --dir /tmp/run --bind /tmp/run/alice /tmp/run/alice');
    expect(bwrap.join(' ')).toContain('--perms 0755 --dir /opt --ro-bind /opt/probes /opt/probes');
    expect(bwrap).toEqual(
      expect.arrayContaining([
        '--unshare-ipc',
        '--unshare-pid',
        '--die-with-parent',
        '--new-session',
        '--chdir',
        '/tmp/run/alice',
      ]),
    );
    expect(bwrap).not.toContain('--unshare-net'); // the run's own network: the relay must reach the program
    expect(argv.slice(argv.indexOf('--') + 1, argv.indexOf('--') + 2)).toEqual(['setpriv']);
  });
});

describe.skipIf(!isRoot).each(['unshare', 'bubblewrap'] as const)(
  'a confined program, run for real as root (%s)',
  (sandbox) => {
    const limitsFor = (uid: number): Confinement => ({ isolation: 'netns', sandbox, uid, limits });
    const uidOffset = sandbox === 'unshare' ? 0 : 10;
    it('runs as the given uid and gid, with no supplementary groups', async () => {
      const uid = baseUid + uidOffset;
      const { output, exit } = await runConfined(
        'id -u; id -g; id -G; python3 probe.py',
        limitsFor(uid),
        `ids-${sandbox}`,
      );
      expect(exit).toEqual({ kind: 'exited', code: 0 });
      const [idU, idG, idGroups, json] = output.trim().split('\n');
      expect([idU, idG, idGroups]).toEqual([String(uid), String(uid), String(uid)]);
      const probe = JSON.parse(json ?? '{}') as Probe;
      expect(probe).toMatchObject({ uid, euid: uid, gid: uid, groups: [] });
    });

    it('applies the process, file size, CPU time and address space limits', async () => {
      const { output, exit } = await runConfined(
        'python3 probe.py',
        limitsFor(baseUid + uidOffset + 1),
        `limits-${sandbox}`,
      );
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
      const uid = baseUid + uidOffset + 2;
      const { output, exit } = await runConfined('python3 fork-bomb.py', limitsFor(uid), `bomb-${sandbox}`);
      expect(exit).toEqual({ kind: 'exited', code: 0 });
      const counts = JSON.parse(output) as { forked: number; refused: number };
      expect(counts.forked).toBeLessThan(limits.processes);
      expect(counts.refused).toBeGreaterThan(0);
      expect(counts.forked + counts.refused).toBe(200);
      // The pid namespace's init ended with the bomb's first process, so the kernel ends its children:
      // they may take a moment to leave the process table, but none may stay.
      const live = (): string[] => findLeftovers({ uids: { from: uid, to: uid + 1 } });
      expect(await waitUntil(() => live().length === 0, 10_000), live().join('\n')).toBe(true);
    });

    it('also limits processes without a pid namespace, where sweepUid ends what is left', async () => {
      const uid = baseUid + uidOffset + 3;
      const confinement: Confinement = { isolation: 'none', sandbox: 'none', uid, limits };
      const workdir = makeActorWorkdir(probeDir, runDir, `bomb-none-${sandbox}`, uid);
      const actor = new Actor({
        name: 'bomb-none',
        argv: confineCommand('python3 fork-bomb.py', confinement, { writable: workdir }),
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
      await sweepUid(uid); // returns once the last of them has ended, not only once each was signalled
      expect(live()).toEqual([]);
    });

    it("gives the program PYTHONUNBUFFERED=1 and none of the harness's environment", async () => {
      process.env['FOO_SECRET'] = 'do-not-leak';
      try {
        const { output, workdir } = await runConfined(
          'python3 probe.py',
          limitsFor(baseUid + uidOffset + 4),
          `env-${sandbox}`,
        );
        const { env } = JSON.parse(output) as Probe;
        expect(env['PYTHONUNBUFFERED']).toBe('1');
        expect(env['HOME']).toBe(workdir);
        expect(env['PATH']).toBe('/usr/local/bin:/usr/bin:/bin');
        expect(env['FOO_SECRET']).toBeUndefined();
        // Only what buildActorEnv sets, and what stdbuf adds to unbuffer C stdio.
        const allowed = new Set([
          ...Object.keys(buildActorEnv(workdir)),
          'LD_PRELOAD',
          '_STDBUF_O',
          '_STDBUF_E',
          'PWD',
          'SHLVL',
          '_',
        ]);
        expect(Object.keys(env).filter((key) => !allowed.has(key))).toEqual([]);
      } finally {
        delete process.env['FOO_SECRET'];
      }
    });

    it('gives the program its own copy of the submission, owned by its uid', async () => {
      const uid = baseUid + uidOffset + 5;
      const { output } = await runConfined(
        'stat -c %u probe.py; touch made-by-student && echo wrote',
        limitsFor(uid),
        `copy-${sandbox}`,
      );
      expect(output.trim().split('\n')).toEqual([String(uid), 'wrote']);
    });
  },
);

describe('buildActorEnv', () => {
  it("is a fixed environment whose HOME is the actor's working copy", () => {
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

describe.skipIf(!isRoot)('the bubblewrap view, for real', () => {
  it("shows the runtime and the program's own copy, and nothing of the harness, the host's /tmp or /run", async () => {
    const marker = `sockgrade-view-test-${process.pid}`;
    const script = [
      `ls -a / | tr '\\n' ' '; echo`,
      `ls -a /tmp | tr '\\n' ' '; echo`,
      `test -e ${repoRoot}/package.json && echo HARNESS-VISIBLE || echo harness-hidden`,
      `test -e ${runDir} && echo run-folder-visible || echo run-folder-hidden`,
      `test -e /run && echo RUN-VISIBLE || echo run-hidden`,
      `echo > /tmp/${marker} && echo > /var/tmp/${marker} && echo > /dev/shm/${marker} && echo wrote-markers`,
      'ls probe.py',
    ].join('; ');
    const { output, exit, workdir } = await runConfined(
      script,
      { isolation: 'netns', sandbox: 'bubblewrap', uid: baseUid + 19, limits },
      'view',
    );
    expect(exit).toEqual({ kind: 'exited', code: 0 });
    const [root, tmp, harness, runFolder, run, wrote, own] = output.trim().split('\n');
    expect(root?.split(' ').filter(Boolean).sort()).toEqual(
      expect.arrayContaining(['usr', 'etc', 'proc', 'dev', 'tmp']),
    );
    expect(root).not.toMatch(/\b(root|home|work|run|srv|opt|mnt)\b/);
    expect(tmp?.split(' ').filter(Boolean).sort()).toEqual(['.', '..', path.basename(path.dirname(workdir))].sort());
    expect([harness, runFolder, run, wrote, own]).toEqual([
      'harness-hidden',
      'run-folder-visible',
      'run-hidden',
      'wrote-markers',
      'probe.py',
    ]);
    for (const dir of ['/tmp', '/var/tmp', '/dev/shm']) expect(existsSync(path.join(dir, marker))).toBe(false);
  });
});
