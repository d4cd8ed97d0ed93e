import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rootDir } from '../version.js';
import type { IsolationPlan } from './detect-isolation.js';
import { sweepUid } from './process-tree.js';
import { describeIssue, readOutcomes } from './read-outcome.js';
import { runSpecSchema, type RunOutcome, type RunSpec } from './run-spec.js';
import { specToJson } from './spec-json.js';
import { watchStarvation } from './watch-starvation.js';

const workerPath = pickWorker(path.join(rootDir, 'dist'));
const stderrLimit = 16 * 1024;

// Runs a run's criteria (one, or several static-probe ones) in a worker inside fresh namespaces,
// kills it if it overstays its deadline, and removes everything the run wrote; one outcome per
// criterion, in the spec's order. Never throws for what a student's program does.
export async function runInSandbox(
  spec: Omit<RunSpec, 'runDir' | 'outcomePath'>,
  plan: IsolationPlan,
  deadlineMs: number,
  signal: AbortSignal,
): Promise<RunOutcome[]> {
  const each = (outcome: RunOutcome): RunOutcome[] => spec.criterionIds.map(() => outcome);
  // A run whose turn comes after an interrupt does not start; the batch discards its submission.
  if (signal.aborted)
    return each({ status: 'error', message: 'Not run: the grading was interrupted.', evidence: {}, durationMs: 0 });
  const runDir = mkdtempSync(path.join(tmpdir(), 'sockgrade-run-'));
  chmodSync(runDir, 0o711); // student uids may enter their own copies, not list the others
  const specPath = path.join(runDir, 'spec.json');
  try {
    const full = runSpecSchema.safeParse({ ...spec, runDir, outcomePath: path.join(runDir, 'outcome.json') });
    if (!full.success) return each(cannotFinish(`its run spec is not one (${describeIssue(full.error)})`, '', true));
    writeFileSync(specPath, specToJson(full.data), { mode: 0o600 });
    const watch = watchStarvation();
    const { code, stderr, killedFor, overstayed } = await spawnWorker(plan, specPath, deadlineMs, signal);
    const seen = watch();
    const outcome = readOutcomes(full.data.outcomePath, spec.criterionIds.length);
    if (outcome.ok) return outcome.outcomes;
    const why = killedFor ?? (outcome.missing ? `the grading worker exited with ${code}` : outcome.problem);
    const failed = cannotFinish(why, stderr, killedFor !== 'the batch was interrupted');
    // A worker that overstayed its deadline wrote no reading of its own: what the harness saw of
    // the machine meanwhile stands in, so a run the load made late is run again (rerun-starved.ts),
    // and the notes say how loaded the machine was.
    if (!overstayed) return each(failed);
    const load = seen.runnablePerCore === undefined ? '' : `, ${seen.runnablePerCore} tasks per core wanted a CPU`;
    const machine = `the machine during the run: sockgrade's event loop delayed up to ${seen.loopDelayMaxMs} ms${load}`;
    return each({ ...failed, evidence: { notes: [...(failed.evidence.notes ?? []), machine] }, starvation: seen });
  } finally {
    if (spec.confinement.uid !== undefined) await sweepUid(spec.confinement.uid);
    rmSync(runDir, { recursive: true, force: true });
  }
}

// A criterion the worker did not finish, as its error result: sockgrade's own fault unless the
// batch was interrupted.
function cannotFinish(why: string, stderr: string, fault: boolean): RunOutcome {
  return {
    status: 'error',
    message: `sockgrade could not finish this criterion: ${why}.`,
    evidence: { notes: stderr ? [stderr] : [] },
    durationMs: 0,
    ...(fault ? { harnessFault: `${why}\n${stderr}` } : {}),
  };
}

function spawnWorker(
  plan: IsolationPlan,
  specPath: string,
  deadlineMs: number,
  signal: AbortSignal,
): Promise<{ code: string; stderr: string; killedFor: string | undefined; overstayed: boolean }> {
  const argv = [...plan.unsharePrefix, process.execPath, workerPath, specPath];
  const child = spawn(argv[0] as string, argv.slice(1), {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
    env: workerEnv(),
  });
  let stderr = '';
  let killedFor: string | undefined;
  let overstayed = false;
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < stderrLimit) stderr += chunk.toString('utf8');
  });
  const kill = (reason: string): void => {
    killedFor ??= reason;
    try {
      process.kill(-(child.pid as number), 'SIGKILL'); // the worker; with it its namespaces
    } catch {
      // already gone
    }
  };
  // The worker enforces the run's own deadline; this one only catches a worker that hangs.
  const timer = setTimeout(() => {
    overstayed = killedFor === undefined;
    kill(`the run exceeded its deadline of ${Math.round(deadlineMs / 1000)} s`);
  }, deadlineMs + 15_000);
  const onAbort = (): void => kill('the batch was interrupted');
  signal.addEventListener('abort', onAbort);
  if (signal.aborted) onAbort(); // aborted while the worker was being spawned: no event comes
  return new Promise((resolve) => {
    child.on('error', (error) => {
      killedFor ??= `the worker could not start (${error.message})`;
    });
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve({ code: sig ? `signal ${sig}` : `code ${code ?? '?'}`, stderr: stderr.trim(), killedFor, overstayed });
    });
  });
}

// The worker bundled into one file (npm run build: esbuild, tap-parser left to load only when a
// probe runs), which starts about 90 ms of CPU sooner than the 80 modules it is made of, in every
// run of every submission. A bundle older than any compiled module (tsc run alone) is stale: the
// modules are used instead, so a build never grades with yesterday's worker.
function pickWorker(dist: string): string {
  const modules = path.join(dist, 'harness', 'worker.js');
  const bundle = path.join(dist, 'worker', 'worker.js');
  try {
    return statSync(bundle).mtimeMs >= newestMtime(path.join(dist, 'harness')) ? bundle : modules;
  } catch {
    return modules;
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.js'))
      newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

// The harness's environment without what only costs the worker time: it makes no TLS
// connection, and Node reads and parses NODE_EXTRA_CA_CERTS at every start (~40 ms of CPU).
function workerEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env['NODE_EXTRA_CA_CERTS'];
  return env;
}
