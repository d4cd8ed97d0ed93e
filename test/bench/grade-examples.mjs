// npm run bench: times grading every bundled example with the UDP chat rubric, as `npm start`
// does, and prints the wall time of the batch and of each submission. Timing lives here, never
// in a test: a slow machine must not fail the suite.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const examples = path.join(root, 'submissions', 'examples', 'udp-chat');
const jobs = process.argv[2]; // --jobs for the batch; the CLI's default when absent
const out = mkdtempSync(path.join(tmpdir(), 'sockgrade-bench-'));
const dirs = readdirSync(examples, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(examples, d.name));

const started = process.hrtime.bigint();
const run = spawnSync(
  process.execPath,
  [path.join(root, 'dist', 'harness', 'main.js'), 'grade', ...dirs, '--rubric', path.join(root, 'rubrics', 'udp-chat.yaml'), '--out', out, '--format', 'json', '--reruns', '0', ...(jobs ? ['--jobs', jobs] : []), '--seed', 'bench'],
  { encoding: 'utf8' },
);
const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
if (run.status !== 0 && run.status !== 1) {
  process.stderr.write(run.stderr);
  process.exit(run.status ?? 3);
}
console.log(`graded ${dirs.length} examples with --jobs ${jobs ?? '(default)'} in ${(wallMs / 1000).toFixed(1)} s wall time`);
for (const dir of dirs) {
  const result = JSON.parse(readFileSync(path.join(out, path.basename(dir), 'result.json'), 'utf8'));
  const runSeconds = result.criteria.reduce((sum, c) => sum + c.durationMs, 0) / 1000;
  console.log(`  ${path.basename(dir).padEnd(26)} ${String(result.score).padStart(4)}/${result.maxScore}  ${runSeconds.toFixed(1).padStart(6)} s of runs`);
}
rmSync(out, { recursive: true, force: true });
