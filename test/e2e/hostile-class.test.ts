import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  statfsSync,
} from 'node:fs';
import net from 'node:net';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/cli.js';
import { leftoversOf } from '../helpers/leftovers.js';
import { runSampled, type SampledRun } from '../helpers/run-sampled.js';

// Issue 9, item 9: every hostile example graded in one batch beside full-marks and seed-style.
// Each attack must end as its expected.yaml says, and none may reach the host: no marker left,
// no canary reached, no secret in a report, no student process left, the harness's memory bounded.
// The batch is the whole udp-chat class: every example and the reference, so it is also the
// rubric's calibration (the reference earns every automatable point, each example exactly its
// expected.yaml) and test/e2e/calibrate.test.ts need not grade them all a second time.

const examplesDir = path.join(repoRoot, 'submissions', 'examples', 'udp-chat');
const examples = readdirSync(examplesDir)
  .filter((name) => existsSync(path.join(examplesDir, name, 'expected.yaml')))
  .sort();
const hostile = examples.filter((name) => name.startsWith('hostile-'));
const wellBehaved = ['full-marks', 'seed-style'];
const reference = path.join(repoRoot, 'reference', 'udp-chat'); // graded where it is: only there may it use {root}
const oversize = 'hostile-oversize'; // built here: git should not hold a 1 GB file, even sparse
const litterKey = 0x53474c54; // hostile-litter's System V shared memory key
const litterLock = '/tmp/udpchat.lock';
const markerPlaces = [
  { dir: '/tmp', prefix: 'sockgrade-pwned-' },
  { dir: '/var/tmp', prefix: 'sockgrade-pwned-' },
  { dir: '/dev/shm', prefix: 'sockgrade-pwned-' },
  { dir: homedir(), prefix: '.pwned-' },
];
// Today's harness follows /dev/zero as root: the CLI (and the python it starts) gets a bounded
// address space so a failing run cannot take this machine's memory.
const cliAddressSpace = 3 * 1024 ** 3;

type Criterion = { id: string; status: string; message: string; points: number; maxPoints: number };
type Result = { submission: string; score: number; maxScore: number; criteria: Criterion[]; notes?: string[] };

let classDir = '';
let outDir = '';
let run: SampledRun;
const secret = `canary-${randomBytes(12).toString('hex')}`;
const heard: string[] = [];
let tcpCanary: net.Server | undefined;
let unixCanary: net.Server | undefined;
let unixCanaryPath = '';
let tmpFreeBefore = 0;

function markers(): string[] {
  const found: string[] = [];
  for (const { dir, prefix } of markerPlaces) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) if (name.startsWith(prefix)) found.push(path.join(dir, name));
  }
  if (existsSync(litterLock)) found.push(litterLock);
  return found;
}

function removeLitter(): void {
  for (const file of markers()) rmSync(file, { force: true });
  try {
    execFileSync('ipcrm', ['-M', String(litterKey)], { stdio: 'ignore' });
  } catch {
    // no such segment
  }
}

function litterSegments(): string[] {
  return readFileSync('/proc/sysvipc/shm', 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim().split(/\s+/)[0] === String(litterKey));
}

function listen(server: net.Server, where: { port: number; host: string } | string): Promise<boolean> {
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(where as net.ListenOptions, () => resolve(true));
  });
}

function canary(name: string): net.Server {
  return net.createServer((socket) => {
    heard.push(`${name}: connection`);
    socket.on('data', (data) => heard.push(`${name}: ${data.toString().trim()}`));
    socket.on('error', () => undefined);
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile());
}

function readResult(name: string): Result {
  return JSON.parse(readFileSync(path.join(outDir, name, 'result.json'), 'utf8')) as Result;
}

function expectedOf(name: string): Record<string, string> {
  const document = parse(readFileSync(path.join(examplesDir, name, 'expected.yaml'), 'utf8')) as {
    criteria: Record<string, string>;
  };
  return document.criteria;
}

function verdicts(result: Result): Record<string, string> {
  return Object.fromEntries(result.criteria.map((c) => [c.id, c.status]));
}

// The comment lines hostile-snoop prints (the first few of each file), reduced to a run of plain
// characters that survives JSON and HTML escaping.
function distinctiveLines(file: string, count = 3): string[] {
  const lines: string[] = [];
  for (const raw of readFileSync(file, 'utf8').split('\n').slice(0, 200)) {
    const line = raw.trim();
    if (!/^(#|\/\/|\*|""")/.test(line)) continue;
    const core = (line.match(/[A-Za-z0-9 ,.;()_-]{20,}/g) ?? []).sort((a, b) => b.length - a.length)[0]?.trim();
    if (core && core.length >= 20) lines.push(core);
    if (lines.length >= count) break;
  }
  return lines;
}

function filesIn(dir: string, ext: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(ext))
        .map((f) => path.join(dir, f))
    : [];
}

describe('a class of hostile submissions graded in one batch', () => {
  beforeAll(async () => {
    classDir = mkdtempSync(path.join(tmpdir(), 'sockgrade-hostile-class-'));
    chmodSync(classDir, 0o755);
    outDir = mkdtempSync(path.join(tmpdir(), 'sockgrade-hostile-out-'));
    for (const name of examples) {
      cpSync(path.join(examplesDir, name), path.join(classDir, name), { recursive: true, verbatimSymlinks: true });
    }
    const special = path.join(classDir, 'hostile-special-files');
    execFileSync('mkfifo', [path.join(special, 'debug.pipe')]);
    execFileSync('python3', [
      '-c',
      'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])',
      path.join(special, 'chat.sock'),
    ]);
    const big = path.join(classDir, oversize);
    cpSync(path.join(examplesDir, 'hostile-special-files'), big, { recursive: true });
    rmSync(path.join(big, 'expected.yaml'));
    execFileSync('truncate', ['-s', '1G', path.join(big, 'core')]);

    removeLitter();
    tcpCanary = canary('tcp');
    for (let port = 47100; port < 47110; port++) if (await listen(tcpCanary, { port, host: '127.0.0.1' })) break;
    unixCanaryPath = `/tmp/sockgrade-canary-${randomBytes(6).toString('hex')}.sock`;
    unixCanary = canary('unix');
    await listen(unixCanary, unixCanaryPath);
    chmodSync(unixCanaryPath, 0o777); // any uid may connect: the canary tests reach, not permissions

    const submissions = [
      ...readdirSync(classDir)
        .sort()
        .map((name) => path.join(classDir, name)),
      reference,
    ];
    tmpFreeBefore = statfsSync('/tmp').bavail * statfsSync('/tmp').bsize;
    run = await runSampled(
      'prlimit',
      [
        `--as=${cliAddressSpace}`,
        '--',
        process.execPath,
        path.join(repoRoot, 'dist', 'harness', 'main.js'),
        'grade',
        ...submissions,
        '--rubric',
        'rubrics/udp-chat.yaml',
        '--out',
        outDir,
        '--format',
        'json,csv,md,html,junit,tap',
        '--reruns',
        '0', // as calibrate grades: a verdict must hold on the first run
      ],
      { cwd: repoRoot, env: { NO_COLOR: '1', SOCKGRADE_CANARY_SECRET: secret }, timeoutMs: 840_000 },
    );
    // The figures the benchmark and the closing notes quote; the output itself is in the assertions.
    console.log(
      `hostile class: exit ${run.code}, ${Math.round(run.wallMs / 1000)} s, peak RSS ${Math.round(run.peakRssKb / 1024)} MB`,
    );
  }, 900_000);

  afterAll(async () => {
    tcpCanary?.close();
    unixCanary?.close();
    rmSync(unixCanaryPath, { force: true });
    removeLitter();
    if (classDir) rmSync(classDir, { recursive: true, force: true });
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('finishes the batch (exit 0 or 1) with a result.json for every submission', () => {
    expect([0, 1], `${run.stdout}\n${run.stderr}`).toContain(run.code);
    const missing = [...readdirSync(classDir), path.basename(reference)].filter(
      (name) => !existsSync(path.join(outDir, name, 'result.json')),
    );
    expect(missing).toEqual([]);
  });

  it('gives the reference every automatable point', () => {
    const short = readResult(path.basename(reference)).criteria.filter(
      (c) => c.status !== 'pass' && c.status !== 'manual',
    );
    expect(short.map((c) => `${c.id} ${c.status}: ${c.message}`)).toEqual([]);
  });

  it.each(examples)('grades %s as its expected.yaml says', (name) => {
    const result = readResult(name);
    expect(verdicts(result)).toEqual(expectedOf(name));
    if (wellBehaved.includes(name)) {
      const expected = expectedOf(name);
      const implied = result.criteria.filter((c) => expected[c.id] === 'pass').reduce((sum, c) => sum + c.maxPoints, 0);
      expect(result.score).toBe(implied);
    }
  });

  it('names what it refused: the links, {root}, the special files', () => {
    for (const c of readResult('hostile-symlink-secret').criteria)
      expect(c.message).toMatch(/sockgrade\.yaml|server\.py/);
    for (const c of readResult('hostile-symlink-devices').criteria)
      expect(c.message).toMatch(/server\.py|client\.py|protocol\.py/);
    for (const c of readResult('hostile-root-placeholder').criteria) expect(c.message).toContain('{root}');
    expect((readResult('hostile-special-files').notes ?? []).join('\n')).toContain('debug.pipe');
  });

  it('refuses the oversize submission without copying it', () => {
    const result = readResult(oversize);
    for (const c of result.criteria) {
      expect(c.status).toBe('error');
      expect(c.message).toMatch(/\d+\s*(MB|MiB|GB|GiB)/);
    }
    expect(tmpFreeBefore - run.minTmpFreeBytes).toBeLessThan(500 * 1024 ** 2);
  });

  it('leaves no marker, no lock, no shared memory, and no canary is reached', () => {
    expect(markers()).toEqual([]);
    expect(litterSegments()).toEqual([]);
    expect(heard).toEqual([]);
  });

  it('puts no secret in any report or in its output', () => {
    const outputs = [
      ...filesUnder(outDir).map((file) => ({ where: path.relative(outDir, file), text: readFileSync(file, 'utf8') })),
      { where: 'stdout', text: run.stdout },
      { where: 'stderr', text: run.stderr },
    ];
    const shadow = readFileSync('/etc/shadow', 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length >= 10);
    const everywhere = [
      secret,
      ...shadow,
      ...distinctiveLines(path.join(repoRoot, 'rubrics', 'udp-chat.yaml')),
      ...filesIn(path.join(repoRoot, 'reference', 'udp-chat'), '.ts').flatMap((f) => distinctiveLines(f, 1)),
      ...filesIn(path.join(repoRoot, 'dist', 'reference', 'udp-chat'), '.js').flatMap((f) => distinctiveLines(f, 1)),
    ];
    const own = readdirSync(path.join(examplesDir, 'hostile-snoop'))
      .map((f) => readFileSync(path.join(examplesDir, 'hostile-snoop', f), 'utf8'))
      .join('\n');
    const classmates = wellBehaved
      .flatMap((name) => distinctiveLines(path.join(examplesDir, name, 'server.py')))
      .filter((line) => !own.includes(line));
    const leaks: string[] = [];
    for (const { where, text } of outputs) {
      for (const line of everywhere) if (text.includes(line)) leaks.push(`${where}: ${line.slice(0, 80)}`);
      if (where.startsWith('hostile-snoop') || where === 'stdout' || where === 'stderr') {
        for (const line of classmates) if (text.includes(line)) leaks.push(`${where}: ${line.slice(0, 80)}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('leaves no process of any student uid behind', () => {
    expect(leftoversOf(run)).toEqual([]);
  });

  it('keeps the harness under 300 MB of resident memory', () => {
    expect(run.peakRssKb).toBeLessThan(300 * 1024);
  });
});
