// npm run stability: grades the udp-chat examples several times with one seed (so every run
// types the same tokens and arms the same faults) at the default --jobs, once at --jobs 2 and
// once at --jobs 32, and reports every verdict that differs between runs, or from the example's
// expected.yaml. Load must never change a verdict (issue 15, item 6). Exit 0 when none differs.
// Like the bench, this lives outside the test suite: it takes many minutes.
//
//   npm run stability [-- --runs 5] [--examples full-marks,seed-style] [--no-jobs32] [--seed S]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '..', '..');
const examples = path.join(root, 'submissions', 'examples', 'udp-chat');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1];
};
const runs = Number(option('--runs', '5'));
const seed = option('--seed', 'stability');
const all = readdirSync(examples, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const chosen = option('--examples', undefined)?.split(',') ?? all;
const unknown = chosen.filter((name) => !all.includes(name));
if (!Number.isInteger(runs) || runs < 1 || unknown.length > 0) {
  process.stderr.write(
    unknown.length > 0
      ? `--examples: no example named ${unknown.join(', ')} (there are ${all.join(', ')})\n`
      : `--runs: expected a whole number, 1 or more\n`,
  );
  process.exit(2);
}
const plans = [...Array.from({ length: runs }, () => undefined), '2', ...(args.includes('--no-jobs32') ? [] : ['32'])];
const expected = new Map(
  chosen.map((name) => [name, parse(readFileSync(path.join(examples, name, 'expected.yaml'), 'utf8')).criteria]),
);

// verdicts.get(submission).get(criterion) = the verdict of each run, in order
const verdicts = new Map(chosen.map((name) => [name, new Map()]));
const messages = []; // why each verdict other than the expected one came about
const labels = plans.map((jobs, i) => (jobs === undefined ? `default#${i + 1}` : `jobs${jobs}`));
const scratch = mkdtempSync(path.join(os.tmpdir(), 'sockgrade-stability-'));
try {
  for (const [i, jobs] of plans.entries()) {
    const out = path.join(scratch, `run-${i}`);
    const started = Date.now();
    const run = spawnSync(
      process.execPath,
      [
        path.join(root, 'dist', 'harness', 'main.js'),
        'grade',
        ...chosen.map((name) => path.join(examples, name)),
        '--rubric',
        path.join(root, 'rubrics', 'udp-chat.yaml'),
        '--out',
        out,
        '--format',
        'json',
        '--seed',
        seed,
        ...(jobs ? ['--jobs', jobs] : []),
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    if (run.status !== 0 && run.status !== 1) {
      process.stderr.write(run.stderr);
      process.exit(run.status ?? 3);
    }
    const jobsLine = /(\S+ job\(s\)[^,\n]*)/.exec(run.stderr)?.[1] ?? '?';
    let reruns = 0;
    for (const name of chosen) {
      const result = JSON.parse(readFileSync(path.join(out, name, 'result.json'), 'utf8'));
      for (const criterion of result.criteria) {
        const seen = verdicts.get(name).get(criterion.id) ?? [];
        seen[i] = criterion.status;
        const want = expected.get(name)?.[criterion.id];
        if (want !== undefined && want !== criterion.status)
          messages.push(
            `  ${labels[i]} ${name} ${criterion.id} ${criterion.status}: ${criterion.message.split('\n').join(' / ').slice(0, 300)}`,
          );
        verdicts.get(name).set(criterion.id, seen);
        if ((criterion.evidence?.notes ?? []).some((note) => note.includes('starved of CPU'))) reruns++;
      }
    }
    console.log(
      `run ${i + 1}/${plans.length} (${labels[i]}, ${jobsLine}): ${chosen.length} example(s) in ${((Date.now() - started) / 1000).toFixed(0)} s, load ${os.loadavg()[0].toFixed(1)}, ${reruns} criterion(s) re-run for starvation`,
    );
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const differing = [];
for (const [name, byCriterion] of verdicts) {
  for (const [id, seen] of byCriterion) {
    const want = expected.get(name)?.[id];
    if (new Set(seen).size > 1 || (want !== undefined && seen.some((v) => v !== want)))
      differing.push({ name, id, want, seen });
  }
}
console.log(
  `\n${differing.length} verdict(s) differ across ${plans.length} runs of ${chosen.length} example(s) (seed ${seed}; runs: ${labels.join(', ')})`,
);
for (const { name, id, want, seen } of differing) {
  console.log(
    `  ${name} ${id}: expected ${want ?? '(not listed)'}; seen ${seen.map((v, i) => `${labels[i]}=${v}`).join(' ')}`,
  );
}
if (messages.length > 0) console.log(`\nwhat the verdicts other than the expected ones said:\n${messages.join('\n')}`);
process.exitCode = differing.length === 0 ? 0 : 1;
