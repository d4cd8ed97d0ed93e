import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import type { SubmissionResult } from '../../harness/model/result.js';
import { repoRoot, runSockgrade } from '../helpers/cli.js';
import { bootTicksNow, leftoversOf } from '../helpers/leftovers.js';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'programs', 'quick-udp');
const rubric = path.join(fixture, 'rubric.yaml');
const scratch = mkdtempSync(path.join(tmpdir(), 'sockgrade-batch-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Submission folders named as asked, each a copy of one quick-udp program (ready, silent, crash).
function submissions(where: string, programs: Record<string, 'ready' | 'silent' | 'crash'>): string[] {
  const dir = path.join(scratch, where);
  return Object.entries(programs).map(([name, program]) => {
    const target = path.join(dir, name);
    cpSync(path.join(fixture, program), target, { recursive: true });
    return target;
  });
}

const readResult = (out: string, name: string): SubmissionResult =>
  JSON.parse(readFileSync(path.join(out, name, 'result.json'), 'utf8')) as SubmissionResult;

// Resolves once a file exists, checking every 25 ms, or rejects at the deadline.
async function waitForFile(file: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} did not appear within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.concurrent('sockgrade grade (batches)', () => {
  it('--resume keeps a result saved for the same rubric and seed, and grades the rest', async () => {
    const [alpha, beta] = submissions('resume', { alpha: 'ready', beta: 'ready' });
    const out = path.join(scratch, 'resume-out');
    const saved: SubmissionResult = {
      submission: 'alpha',
      path: alpha as string,
      rubric: 'quick-udp',
      score: 0.5, // no grading gives this: the saved result must survive as it was
      maxScore: 1,
      seed: 'resume1',
      durationMs: 1,
      gradedAt: '2001-01-01T00:00:00.000Z',
      harness: { version: '0.0.0', isolation: 'netns' },
      criteria: [
        {
          id: 'Q1',
          title: 'The server says it is ready',
          mandatory: false,
          visibility: 'visible',
          points: 0.5,
          maxPoints: 1,
          status: 'pass',
          message: 'kept',
          durationMs: 1,
          evidence: {},
        },
      ],
    };
    mkdirSync(path.join(out, 'alpha'), { recursive: true });
    writeFileSync(path.join(out, 'alpha', 'result.json'), JSON.stringify(saved));

    const result = await runSockgrade(
      [
        'grade',
        alpha as string,
        beta as string,
        '--rubric',
        rubric,
        '--out',
        out,
        '--format',
        'json',
        '--resume',
        '--seed',
        'resume1',
      ],
      { timeoutMs: 90_000 },
    );
    expect(result.code, result.stderr).toBe(0);
    // The default --jobs, four per core, of which those beyond one per core wait for CPU headroom.
    const [cores, jobs] = [availableParallelism(), Math.max(4, availableParallelism() * 4)];
    const said = jobs <= cores ? `${jobs} job\\(s\\)` : `${cores}–${jobs} job\\(s\\) as CPU headroom allows`;
    expect(result.stderr.split('\n')[0]).toMatch(
      new RegExp(
        `^sockgrade: 2 submission\\(s\\), rubric quick-udp, seed resume1, isolation netns, ${said}, student uids (\\d+)000–\\1(?:999)$`,
      ),
    );
    expect(result.stderr).toMatch(/^\[1\/2\] alpha +0\.5\/1 {2}Q1✓ {2}\(kept from before\)$/m);
    expect(result.stderr).toMatch(/^\[2\/2\] beta +1\/1 {2}Q1✓$/m);
    expect(readResult(out, 'alpha')).toEqual(saved);
    expect(readResult(out, 'beta')).toMatchObject({
      seed: 'resume1',
      score: 1,
      criteria: [{ id: 'Q1', status: 'pass' }],
    });
    expect(result.stdout).toMatch(/^graded 2 of 2 submission\(s\) in [\d.]+ s; wrote 3 file\(s\) to /m);
  });

  it('--resume without --seed takes the seed of the earlier batch from summary.json', async () => {
    const [gamma] = submissions('resume-seed', { gamma: 'ready' });
    const out = path.join(scratch, 'resume-seed-out');
    mkdirSync(path.join(out, 'gamma'), { recursive: true });
    writeFileSync(
      path.join(out, 'summary.json'),
      JSON.stringify({ rubric: 'quick-udp', seed: 'earlier7', submissions: [] }),
    );
    // It holds Q1, the rubric's one criterion: --resume grades only the criteria a saved result lacks.
    const q1 = {
      id: 'Q1',
      title: 'The server says it is ready',
      mandatory: false,
      visibility: 'visible',
      points: 1,
      maxPoints: 1,
      status: 'pass',
      message: 'kept',
      durationMs: 1,
      evidence: {},
    };
    const saved = {
      submission: 'gamma',
      path: gamma,
      rubric: 'quick-udp',
      score: 1,
      maxScore: 1,
      seed: 'earlier7',
      durationMs: 1,
      gradedAt: '2001-01-01T00:00:00.000Z',
      harness: { version: '0.0.0', isolation: 'netns' },
      criteria: [q1],
    };
    writeFileSync(path.join(out, 'gamma', 'result.json'), JSON.stringify(saved));
    const result = await runSockgrade(
      ['grade', gamma as string, '--rubric', rubric, '--out', out, '--format', 'json', '--resume'],
      { timeoutMs: 60_000 },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('seed earlier7');
    expect(result.stderr).toContain('(kept from before)');
  });

  it('--shard 1/2 and 2/2 grade complementary halves of the sorted list', async () => {
    const dirs = submissions('shards', { delta: 'ready', alpha: 'ready', gamma: 'ready', beta: 'ready' });
    const [first, second] = await Promise.all(
      ['1/2', '2/2'].map(async (shard) => {
        const out = path.join(scratch, `shard-${shard.replace('/', '-of-')}`);
        const result = await runSockgrade(
          [
            'grade',
            ...dirs,
            '--rubric',
            rubric,
            '--out',
            out,
            '--format',
            'json',
            '--shard',
            shard,
            '--seed',
            'shards',
          ],
          { timeoutMs: 90_000 },
        );
        expect(result.code, result.stderr).toBe(0);
        expect(result.stderr).toMatch(/^sockgrade: 2 submission\(s\), rubric quick-udp, seed shards, /m);
        const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as {
          submissions: { submission: string }[];
        };
        return summary.submissions.map((s) => s.submission);
      }),
    );
    expect(first).toEqual(['alpha', 'delta']); // sorted: alpha, beta, delta, gamma
    expect(second).toEqual(['beta', 'gamma']);
  });

  it('--min-score exits 1 naming who fell below it; under GitHub Actions each failed criterion is an ::error annotation', async () => {
    const dirs = submissions('min-score', { fine: 'ready', broken: 'crash' });
    const out = path.join(scratch, 'min-score-out');
    const cli = await execa(
      process.execPath,
      [
        path.join(repoRoot, 'dist', 'harness', 'main.js'),
        'grade',
        ...dirs,
        '--rubric',
        rubric,
        '--out',
        out,
        '--format',
        'json',
        '--min-score',
        '1',
      ],
      {
        cwd: repoRoot,
        reject: false,
        timeout: 90_000,
        env: { NO_COLOR: '1', GITHUB_ACTIONS: 'true' },
      },
    );
    const result = { code: cli.exitCode, stdout: cli.stdout, stderr: cli.stderr };
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/^\[\d\/2\] broken +0\/1 {2}Q1!$/m);
    expect(result.stderr.split('\n').slice(-2)).toEqual([
      'below --min-score 1: broken scored 0/1',
      '1 of 2 submission(s) scored below --min-score 1',
    ]);
    expect(result.stdout.split('\n').filter((line) => line.startsWith('::'))).toEqual([
      '::error title=broken Q1 error::The server says it is ready: Expected server to bind a UDP port within 10 s.%0AObserved: server ended before binding a port; last output (it exited with code 1):%0A  cannot start: no config',
    ]);
    const broken = readResult(out, 'broken').criteria[0];
    expect(broken).toMatchObject({ id: 'Q1', status: 'error', points: 0 });
    expect(broken?.evidence.expected).toBe('server to bind a UDP port within 10 s');
    expect(broken?.evidence.observed).toBe(
      'server ended before binding a port; last output (it exited with code 1):\n  cannot start: no config',
    );
  });

  it('an interrupted batch exits 130 and keeps every result it finished, as valid JSON', async () => {
    const dirs = submissions('interrupt', { alpha: 'ready', zeta: 'silent' });
    const out = path.join(scratch, 'interrupt-out');
    const cli = execa(
      process.execPath,
      [
        path.join(repoRoot, 'dist', 'harness', 'main.js'),
        'grade',
        ...dirs,
        '--rubric',
        rubric,
        '--out',
        out,
        '--format',
        'json',
        '--jobs',
        '2',
      ],
      {
        cwd: repoRoot,
        reject: false,
        timeout: 90_000,
        env: { NO_COLOR: '1' },
      },
    );
    let interrupted = false;
    try {
      await waitForFile(path.join(out, 'alpha', 'result.json'), 60_000);
      interrupted = cli.kill('SIGINT'); // once: a second Ctrl-C would end sockgrade at once
    } finally {
      if (!interrupted) cli.kill('SIGKILL');
    }
    const result = await cli;
    const endedAtTicks = bootTicksNow();
    expect(result.exitCode, result.stderr).toBe(130);
    expect(result.stderr).toContain('interrupted: stopping the runs in progress; every finished result is kept');
    expect(readResult(out, 'alpha')).toMatchObject({
      submission: 'alpha',
      score: 1,
      criteria: [{ id: 'Q1', status: 'pass' }],
    });
    expect(existsSync(path.join(out, 'zeta', 'result.json'))).toBe(false);
    expect(result.stdout).toMatch(/^graded 1 of 2 submission\(s\)/m);
    expect(leftoversOf({ stderr: result.stderr, endedAtTicks })).toEqual([]);
  });

  it('after SIGINT no run starts, the runs in progress are killed, and it exits 130 at once with what it finished', async () => {
    const dirs = submissions('stop', {
      alpha: 'ready',
      beta: 'silent',
      delta: 'silent',
      epsilon: 'silent',
      gamma: 'silent',
      zeta: 'silent',
    });
    const out = path.join(scratch, 'stop-out');
    // The CLI's own temporary folder: each run makes its sockgrade-run-* folder there as it starts.
    const runs = mkdtempSync(path.join(tmpdir(), 'sockgrade-stop-'));
    chmodSync(runs, 0o755); // student uids pass through it to their copies
    const runDirs = (): string[] => readdirSync(runs).filter((name) => name.startsWith('sockgrade-run-'));
    const cli = execa(
      process.execPath,
      [
        path.join(repoRoot, 'dist', 'harness', 'main.js'),
        'grade',
        ...dirs,
        '--rubric',
        rubric,
        '--out',
        out,
        '--format',
        'json',
        '--jobs',
        '2',
      ],
      {
        cwd: repoRoot,
        reject: false,
        timeout: 120_000,
        env: { NO_COLOR: '1', TMPDIR: runs },
      },
    );
    const seen = new Set<string>();
    const watcher = setInterval(() => runDirs().forEach((name) => seen.add(name)), 10);
    let before = new Set<string>();
    let signalledAt = 0;
    try {
      // alpha passes in about a second; the silent ones wait 20 s for "ready", two at a time.
      await waitForFile(path.join(out, 'alpha', 'result.json'), 60_000);
      before = new Set([...seen, ...runDirs()]);
      signalledAt = Date.now();
      cli.kill('SIGINT');
    } finally {
      if (signalledAt === 0) cli.kill('SIGKILL');
    }
    const result = await cli;
    const endedAtTicks = bootTicksNow();
    const seconds = (Date.now() - signalledAt) / 1000;
    clearInterval(watcher);
    runDirs().forEach((name) => seen.add(name));
    try {
      expect(result.exitCode, result.stderr).toBe(130);
      expect(seconds, `exited ${seconds} s after SIGINT`).toBeLessThan(10);
      expect(
        [...seen].filter((name) => !before.has(name)),
        'runs started after SIGINT',
      ).toEqual([]);
      expect(runDirs(), 'run folders left behind').toEqual([]);
      expect(readResult(out, 'alpha')).toMatchObject({ submission: 'alpha', criteria: [{ id: 'Q1', status: 'pass' }] });
      for (const name of ['beta', 'delta', 'epsilon', 'gamma', 'zeta'])
        expect(existsSync(path.join(out, name, 'result.json')), name).toBe(false);
      const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as {
        submissions: { submission: string }[];
      };
      expect(summary.submissions.map((s) => s.submission)).toEqual(['alpha']);
      expect(result.stdout).toMatch(/^graded 1 of 6 submission\(s\)/m);
      expect(leftoversOf({ stderr: result.stderr, endedAtTicks })).toEqual([]);
    } finally {
      rmSync(runs, { recursive: true, force: true });
    }
  });

  it('a submission whose server.py is a FIFO is an error result naming it; the batch goes on and exits 0', async () => {
    const [good, piped] = submissions('fault', { good: 'ready', piped: 'ready' });
    rmSync(path.join(piped as string, 'server.py'));
    await execa('mkfifo', [path.join(piped as string, 'server.py')]); // a pipe is never opened nor copied into a stage
    const out = path.join(scratch, 'fault-out');
    const result = await runSockgrade(
      ['grade', good as string, piped as string, '--rubric', rubric, '--out', out, '--format', 'json'],
      { timeoutMs: 90_000 },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(readResult(out, 'good')).toMatchObject({ score: 1, criteria: [{ id: 'Q1', status: 'pass' }] });
    const bad = readResult(out, 'piped');
    expect(bad).toMatchObject({
      submission: 'piped',
      score: 0,
      maxScore: 1,
      criteria: [{ id: 'Q1', status: 'error', points: 0 }],
    });
    expect(bad.criteria[0]?.message).toMatch(/^missing server\.py: .*\(Not copied: server\.py \(a FIFO\)\.\)$/);
    expect(result.stderr).toMatch(/^\[\d\/2\] piped +0\/1 {2}Q1!$/m);
  });

  it('a grading worker that fails is said once per submission and recorded as error; the batch still exits 0', async () => {
    const dirs = submissions('worker-fault', { one: 'ready', two: 'ready' });
    const out = path.join(scratch, 'worker-fault-out');
    // Preloaded into every node process the CLI starts: the grading workers end at once.
    const preload = path.join(scratch, 'break-workers.cjs');
    writeFileSync(
      preload,
      "if ((process.argv[1] ?? '').endsWith('worker.js')) { process.stderr.write('worker broken on purpose\\n'); process.exit(7); }\n",
    );
    const result = await execa(
      process.execPath,
      [
        path.join(repoRoot, 'dist', 'harness', 'main.js'),
        'grade',
        ...dirs,
        '--rubric',
        path.join(fixture, 'with-manual.yaml'),
        '--out',
        out,
        '--format',
        'json',
      ],
      {
        cwd: repoRoot,
        reject: false,
        timeout: 90_000,
        env: { NO_COLOR: '1', NODE_OPTIONS: `--require ${preload}` },
      },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    for (const name of ['one', 'two']) {
      const said = result.stderr
        .split('\n')
        .filter((line) => line.startsWith(`${name}: sockgrade failed while grading it`));
      expect(said, result.stderr).toEqual([
        `${name}: sockgrade failed while grading it (the grading worker exited with code 7); the criterion is recorded as error, and the batch goes on`,
      ]);
      const saved = readResult(out, name);
      expect(saved.criteria.map((c) => [c.id, c.status])).toEqual([
        ['Q1', 'error'],
        ['Q2', 'error'],
      ]);
      expect(saved.criteria[0]?.message).toBe(
        'sockgrade could not finish this criterion: the grading worker exited with code 7.',
      );
      expect(saved.criteria[0]?.evidence.notes).toEqual(['worker broken on purpose']);
    }
  });

  it("plays a submission's static-probe criteria in one worker, each set of probes once", async () => {
    const out = path.join(scratch, 'static-out');
    const starts = path.join(scratch, 'worker-starts.log');
    // Preloaded into every node process the CLI starts: each grading worker says it started.
    const preload = path.join(scratch, 'count-workers.cjs');
    writeFileSync(
      preload,
      `if ((process.argv[1] ?? '').endsWith('worker.js')) require('node:fs').appendFileSync(${JSON.stringify(starts)}, 'start\\n');\n`,
    );
    const result = await execa(
      process.execPath,
      [
        path.join(repoRoot, 'dist', 'harness', 'main.js'),
        'grade',
        path.join(repoRoot, 'submissions', 'examples', 'udp-chat', 'o11-procedural'),
        '--rubric',
        path.join(repoRoot, 'rubrics', 'udp-chat.yaml'),
        '--only',
        'O2,O3,O6,O10,O11',
        '--reruns',
        '0', // a failed criterion run again goes alone: one more worker
        '--out',
        out,
        '--format',
        'json',
      ],
      { cwd: repoRoot, reject: false, timeout: 90_000, env: { NO_COLOR: '1', NODE_OPTIONS: `--require ${preload}` } },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readFileSync(starts, 'utf8')).toBe('start\n');
    // Each criterion keeps its own verdict and evidence (expected.yaml of o11-procedural).
    const saved = readResult(out, 'o11-procedural');
    expect(saved.criteria.map((c) => [c.id, c.status])).toEqual([
      ['O2', 'manual'],
      ['O3', 'manual'],
      ['O6', 'manual'],
      ['O10', 'manual'],
      ['O11', 'fail'],
    ]);
  }, 120_000);

  it('a worker that overstays its deadline is killed, recorded as error with how loaded the machine was', async () => {
    const [alpha] = submissions('overstay', { alpha: 'ready' });
    const out = path.join(scratch, 'overstay-out');
    const oneSecond = path.join(scratch, 'one-second.yaml');
    writeFileSync(
      oneSecond,
      readFileSync(rubric, 'utf8').replace('    points: 1\n', '    points: 1\n    timeout: 1s\n'),
    );
    // Preloaded into every node process the CLI starts: the grading worker blocks for two minutes
    // before it runs, writing nothing.
    const preload = path.join(scratch, 'hang-workers.cjs');
    writeFileSync(
      preload,
      "if ((process.argv[1] ?? '').endsWith('worker.js')) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120000);\n",
    );
    const result = await execa(
      process.execPath,
      [
        path.join(repoRoot, 'dist', 'harness', 'main.js'),
        'grade',
        alpha as string,
        '--rubric',
        oneSecond,
        '--out',
        out,
        '--format',
        'json',
        '--reruns',
        '0',
      ],
      { cwd: repoRoot, reject: false, timeout: 90_000, env: { NO_COLOR: '1', NODE_OPTIONS: `--require ${preload}` } },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    const [q1] = readResult(out, 'alpha').criteria;
    expect(q1?.status).toBe('error');
    expect(q1?.message).toBe('sockgrade could not finish this criterion: the run exceeded its deadline of 1 s.');
    expect(q1?.evidence.notes?.at(-1)).toMatch(
      /^the machine during the run: sockgrade's event loop delayed up to [\d.]+ ms, [\d.]+ tasks per core wanted a CPU$/,
    );
  }, 120_000);

  it('an output folder it cannot save a result in stops the batch with exit 3 and says how to fix it', async () => {
    const [alpha] = submissions('unwritable', { alpha: 'ready' });
    const out = path.join(scratch, 'unwritable-out');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'alpha'), 'a file where the result folder belongs');
    const result = await runSockgrade(
      ['grade', alpha as string, '--rubric', rubric, '--out', out, '--format', 'json'],
      { timeoutMs: 90_000 },
    );
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toMatch(
      new RegExp(
        `^${out}: sockgrade cannot save results there \\(.+\\); make the folder writable or choose another with --out$`,
        'm',
      ),
    );
    expect(leftoversOf(result)).toEqual([]);
  });

  // Results are saved by folder name: two folders of one name would overwrite each other's.
  it('refuses two submissions with the same folder name before grading either', async () => {
    const [first] = submissions('same-name-1', { alice: 'ready' });
    const [second] = submissions('same-name-2', { alice: 'ready' });
    const out = path.join(scratch, 'same-name-out');
    const result = await runSockgrade(
      ['grade', first as string, second as string, '--rubric', rubric, '--out', out, '--format', 'json'],
      { timeoutMs: 90_000 },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('alice');
    expect(existsSync(path.join(out, 'alice', 'result.json'))).toBe(false);
  });
});
