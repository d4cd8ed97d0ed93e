// npm run bench: what grading costs, against the goals of issue 15. Grades one full-marks
// submission, then a class made from the examples (test/bench/make-class.mjs, 100 by default),
// each through the real CLI, and measures the relay on loopback. Writes bench/results.json and
// prints a table; `--readme` prints the README's table from bench/results.json without grading.
// Timing lives here, never in a test: a slow machine must not fail the suite.
//
//   npm run bench [-- --class N] [--jobs N] [--seed S] [--no-class] [--readme]
import { mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { runAccounted, categories } from './account-cpu.mjs';
import { makeClass, examplesDir } from './make-class.mjs';
import { measureRelay } from './measure-relay.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
const resultsFile = path.join(root, 'bench', 'results.json');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1];
};

// The goals of issue 15, beside which the figures are shown.
const goals = {
  classSeconds: 300, // a class of 100 in 5 minutes on 2 cores
  singleSeconds: 6, // one full-marks submission
  overheadCpuPerSubmission: 5, // harness + workers + sandbox, beyond the students' own programs
  verdictDifferences: 0,
};

const labels = {
  harness: 'harness (main process)',
  workers: 'Node workers',
  sandbox: 'sandbox set-up (bwrap, unshare, setpriv, prlimit, stdbuf, sh, ip)',
  students: "students' programs and probes",
};

if (args.includes('--readme')) {
  if (!existsSync(resultsFile)) {
    process.stderr.write(`${path.relative(process.cwd(), resultsFile)}: no results yet; run npm run bench first\n`);
    process.exit(2);
  }
  console.log(formatReadme(JSON.parse(readFileSync(resultsFile, 'utf8'))).join('\n'));
  process.exit(0);
}

const jobs = option('--jobs', undefined);
const seed = option('--seed', 'bench');
const classSize = Number(option('--class', '100'));
if (!Number.isInteger(classSize) || classSize < 1) {
  process.stderr.write(`--class: expected a whole number of submissions, 1 or more; found ${option('--class')}\n`);
  process.exit(2);
}
const results = {
  measuredAt: new Date().toISOString(),
  machine: {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model,
    node: process.version,
    loadavgBefore: os.loadavg(),
    cpuPressureBefore: readCpuPressure(),
  },
  options: { jobs: jobs ?? 'default', seed, class: args.includes('--no-class') ? 0 : classSize },
};
const scratch = mkdtempSync(path.join(os.tmpdir(), 'sockgrade-bench-'));
try {
  log('grading full-marks alone…');
  results.single = await gradeAccounted(
    [path.join(examplesDir, 'full-marks')],
    path.join(scratch, 'single'),
    expectedOfExamples(['full-marks']),
  );
  if (!args.includes('--no-class')) {
    const classDir = path.join(scratch, 'class');
    const plan = makeClass(classDir, { size: classSize, seed });
    log(`grading a class of ${classSize} (seed ${seed})…`);
    const expected = new Map(plan.members.map((m) => [m.name, m.expected]));
    results.class = await gradeAccounted(
      plan.members.map((m) => path.join(classDir, m.name)),
      path.join(scratch, 'class-out'),
      expected,
    );
    results.class.mix = {};
    for (const { origin } of plan.members) results.class.mix[origin] = (results.class.mix[origin] ?? 0) + 1;
  }
  log('measuring the relay…');
  results.relay = roundDeep(await measureRelay());
  results.machine.loadavgAfter = os.loadavg();
  results.machine.cpuPressureAfter = readCpuPressure();
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(formatTable(results).join('\n'));
  console.log(
    `\nwrote ${path.relative(process.cwd(), resultsFile)}; npm run bench -- --readme prints the README table`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

// Grades the folders through the CLI under CPU accounting; compares each verdict with the expected one.
async function gradeAccounted(dirs, out, expected) {
  const argv = [
    process.execPath,
    path.join(root, 'dist', 'harness', 'main.js'),
    'grade',
    ...dirs,
    '--rubric',
    path.join(root, 'rubrics', 'udp-chat.yaml'),
    '--out',
    out,
    '--seed',
    seed,
    ...(jobs ? ['--jobs', jobs] : []),
  ];
  const run = await runAccounted(argv);
  if (run.status !== 0 && run.status !== 1) {
    process.stderr.write(run.stderr);
    throw new Error(`sockgrade grade exited ${run.status}`);
  }
  const differences = [];
  let criteria = 0;
  let starvedReruns = 0;
  for (const dir of dirs) {
    const name = path.basename(dir);
    const result = JSON.parse(readFileSync(path.join(out, name, 'result.json'), 'utf8'));
    for (const criterion of result.criteria) {
      criteria++;
      if ((criterion.evidence?.notes ?? []).some((note) => note.includes('starved of CPU'))) starvedReruns++;
      const want = expected.get(name)?.[criterion.id];
      if (want !== undefined && want !== criterion.status)
        differences.push({ submission: name, criterion: criterion.id, expected: want, got: criterion.status });
    }
  }
  const n = dirs.length;
  const cpu = run.cpu;
  const overhead = cpu.byCategory
    ? categories.filter((c) => c !== 'students').reduce((sum, c) => sum + cpu.byCategory[c].seconds, 0) +
      (cpu.notAttributed ?? 0)
    : undefined;
  return {
    submissions: n,
    criteria,
    jobs: /(\S+) job\(s\)/.exec(run.stderr)?.[1],
    criteriaRerunForStarvation: starvedReruns,
    wallSeconds: round(cpu.wallSeconds),
    wallSecondsPerSubmission: round(cpu.wallSeconds / n),
    cpu: roundDeep(cpu),
    cpuSecondsPerSubmission: cpu.total ? round(cpu.total.seconds / n) : undefined,
    overheadCpuSecondsPerSubmission: overhead === undefined ? undefined : round(overhead / n),
    processesPerSubmission: cpu.processes === undefined ? undefined : round(cpu.processes / n),
    verdictDifferences: differences,
  };
}

function expectedOfExamples(names) {
  return new Map(
    names.map((name) => [name, parse(readFileSync(path.join(examplesDir, name, 'expected.yaml'), 'utf8')).criteria]),
  );
}

function readCpuPressure() {
  try {
    return readFileSync('/proc/pressure/cpu', 'utf8').split('\n')[0];
  } catch {
    return undefined;
  }
}

function formatTable(r) {
  const lines = [
    `machine: ${r.machine.cores} core(s), load ${r.machine.loadavgBefore.map((l) => l.toFixed(2)).join(' ')} before, ${r.machine.loadavgAfter.map((l) => l.toFixed(2)).join(' ')} after`,
  ];
  for (const [title, g] of [
    ['one full-marks submission', r.single],
    [`class of ${r.class?.submissions}`, r.class],
  ]) {
    if (!g) continue;
    lines.push(
      '',
      `${title} (--jobs ${g.jobs ?? '?'}): ${g.wallSeconds} s wall, ${g.wallSecondsPerSubmission} s per submission`,
    );
    if (g.cpu.total)
      lines.push(
        `  CPU ${g.cpu.total.seconds} s (user ${g.cpu.total.user}, system ${g.cpu.total.system}); ${g.cpuSecondsPerSubmission} s per submission`,
      );
    if (g.cpu.byCategory) {
      for (const c of categories)
        lines.push(
          `    ${labels[c].padEnd(68)} ${String(g.cpu.byCategory[c].seconds).padStart(8)} s  ${String(g.cpu.byCategory[c].processes).padStart(6)} processes`,
        );
      lines.push(
        `    ${'not attributed (records round down to 10 ms)'.padEnd(68)} ${String(g.cpu.notAttributed ?? '?').padStart(8)} s`,
      );
      lines.push(
        `  overhead beyond the students' programs: ${g.overheadCpuSecondsPerSubmission} CPU-s per submission; ${g.processesPerSubmission} processes per submission`,
      );
    } else {
      lines.push(`  no CPU breakdown: ${g.cpu.method}`);
    }
    lines.push(
      `  verdicts that differ from expected.yaml: ${g.verdictDifferences.length}; criteria re-run because the machine starved them: ${g.criteriaRerunForStarvation}`,
    );
    for (const d of g.verdictDifferences)
      lines.push(`    ${d.submission} ${d.criterion}: expected ${d.expected}, got ${d.got}`);
  }
  const relay = r.relay;
  lines.push(
    '',
    `relay: adds ${relay.addedMicros.p50} µs p50, ${relay.addedMicros.p99} µs p99 per round trip (both directions); ${relay.datagramsPerSecond} round trips/s with 64 in flight, ${(relay.lossShareAtThatRate * 100).toFixed(1)}% lost`,
  );
  return lines;
}

// The README's table: each goal of issue 15 beside the last figures (regenerate with --readme).
function formatReadme(r) {
  const s = r.single;
  const c = r.class;
  const scale = c ? 100 / c.submissions : undefined;
  const row = (what, goal, figure) => `| ${what} | ${goal} | ${figure ?? 'not measured'} |`;
  return [
    `Measured ${r.measuredAt.slice(0, 10)} on ${r.machine.cores} core(s), load average ${r.machine.loadavgBefore[0].toFixed(1)} at the start (${r.machine.cpu ?? 'unknown CPU'}); \`npm run bench\`, seed ${r.options.seed}, --jobs ${r.options.jobs}.`,
    '',
    '| figure | goal | measured |',
    '|---|---|---|',
    row(
      'class of 100, wall time',
      `≤ ${goals.classSeconds} s`,
      c &&
        `${c.wallSeconds} s for ${c.submissions}${c.submissions === 100 ? '' : ` (≈ ${Math.round(c.wallSeconds * scale)} s for 100)`}`,
    ),
    row(
      'verdicts differing from `expected.yaml` in the class',
      `${goals.verdictDifferences}`,
      c && String(c.verdictDifferences.length),
    ),
    row(
      'criteria re-run because the machine starved them (class)',
      '',
      c && `${c.criteriaRerunForStarvation} of ${c.criteria}`,
    ),
    row('one full-marks submission, wall time', `≤ ${goals.singleSeconds} s`, s && `${s.wallSeconds} s`),
    row(
      'one full-marks submission, CPU',
      '',
      s?.cpu.total && `${s.cpu.total.seconds} CPU-s (user ${s.cpu.total.user}, system ${s.cpu.total.system})`,
    ),
    row(
      'harness + workers + sandbox CPU per submission (class)',
      `≤ ${goals.overheadCpuPerSubmission} CPU-s`,
      c?.overheadCpuSecondsPerSubmission !== undefined ? `${c.overheadCpuSecondsPerSubmission} CPU-s` : undefined,
    ),
    ...categories.map((k) =>
      row(
        `… ${labels[k]} per submission (class)`,
        '',
        c?.cpu.byCategory && `${round(c.cpu.byCategory[k].seconds / c.submissions)} CPU-s`,
      ),
    ),
    row(
      '… not attributed to a process per submission (class)',
      '',
      c?.cpu.notAttributed !== undefined ? `${round(c.cpu.notAttributed / c.submissions)} CPU-s` : undefined,
    ),
    row(
      'processes started per submission (full-marks / class)',
      '',
      s?.processesPerSubmission !== undefined
        ? `${s.processesPerSubmission} / ${c?.processesPerSubmission ?? '–'}`
        : undefined,
    ),
    row(
      'relay: added latency per round trip, p50 / p99',
      '',
      `${r.relay.addedMicros.p50} / ${r.relay.addedMicros.p99} µs`,
    ),
    row(
      'relay: round trips per second (64 in flight), loss',
      '',
      `${r.relay.datagramsPerSecond}/s, ${(r.relay.lossShareAtThatRate * 100).toFixed(1)}%`,
    ),
  ];
}

function round(value) {
  return Math.round(value * 100) / 100;
}

function roundDeep(value) {
  if (typeof value === 'number') return round(value);
  if (Array.isArray(value)) return value.map(roundDeep);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundDeep(v)]));
  return value;
}

function log(line) {
  process.stderr.write(`bench: ${line}\n`);
}
