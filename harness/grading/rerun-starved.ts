import type { Criterion } from '../rubric/rubric.js';
import type { RunOutcome } from '../sandbox/run-spec.js';
import { availableParallelism } from 'node:os';
import type { StarvationReading } from '../model/starvation-reading.js';
import { readCpuCounters, type CpuCounters } from '../sandbox/read-cpu-load.js';

// Beyond these, a run's timing says more about the machine than about the program: the harness's
// event loop stalled long enough to misjudge a refute window or a deadline (rubric timings are
// whole seconds, a stall of half of one is not noise), or so many tasks wanted a CPU that each
// program got a quarter of a core or less (servers then start in 0.8 s instead of 0.15, clients
// join in 2 s instead of 0.2). The run-queue bound lies well above the one at which the batch
// stops admitting runs (adapt-concurrency.ts), so a batch alone on a machine does not starve
// itself into re-runs; it is reached when other work crowds the machine.
export const starvationBounds = { loopDelayMaxMs: 500, loopDelayP99Ms: 200, runnablePerCore: 4 } as const;

// Whether a criterion's verdict can depend on timing: any step but a static probe starts programs
// and waits on them. A probe-only criterion reads files, and is never run again for starvation.
export function isTimeSensitive(criterion: Criterion): boolean {
  return criterion.steps.some((step) => step.kind !== 'probe');
}

// A starved run's failure is judged again, at most this many times: on a machine crowded for
// minutes each re-run costs a whole run more, and the notes say when the load may have decided.
export const starvedReruns = 1;

// Why a run cannot be trusted to have judged timing, or undefined when it can.
export function describeStarvation(reading: StarvationReading | undefined): string | undefined {
  if (reading === undefined) return undefined;
  const why: string[] = [];
  if (
    reading.loopDelayMaxMs >= starvationBounds.loopDelayMaxMs ||
    reading.loopDelayP99Ms >= starvationBounds.loopDelayP99Ms
  ) {
    why.push(
      `sockgrade's event loop was delayed up to ${reading.loopDelayMaxMs} ms (p99 ${reading.loopDelayP99Ms} ms)`,
    );
  }
  if (reading.runnablePerCore !== undefined && reading.runnablePerCore >= starvationBounds.runnablePerCore) {
    why.push(`${reading.runnablePerCore} tasks per core wanted a CPU on average`);
  }
  return why.length === 0 ? undefined : why.join(' and ');
}

// Resolves when the machine has calmed down enough to judge timing again (or a bound passed),
// with the milliseconds it waited; tests replace it.
export type WaitForCalm = (signal?: AbortSignal) => Promise<number>;

// Runs once and, while a run that did not pass was starved of CPU, runs it again (same attempt:
// same tokens and faults) instead of letting the machine's load decide the verdict. A run again
// waits for the machine to calm down first: starting it at once, into the crowd that starved the
// first, mostly buys a second starved run. Every re-run is recorded in the
// evidence's notes of the outcome kept; when every run was starved the last verdict stands, and
// its notes say so.
export async function rerunStarved(
  run: () => Promise<RunOutcome>,
  signal?: AbortSignal,
  waitForCalm: WaitForCalm = waitUntilCalm,
): Promise<RunOutcome> {
  const aborted = (): boolean => signal?.aborted === true;
  const notes: string[] = [];
  let outcome = await run();
  for (let rerun = 1; ; rerun++) {
    if (outcome.status === 'pass' || outcome.status === 'manual' || aborted()) break;
    const starved = describeStarvation(outcome.starvation);
    if (starved === undefined) break;
    if (rerun > starvedReruns) {
      notes.push(
        `judged while the machine was starved of CPU (${starved}) after ${starvedReruns} re-runs: this verdict may be the load's, not the program's`,
      );
      break;
    }
    const waited = await waitForCalm(signal);
    const after = waited >= 1000 ? ` after waiting ${Math.round(waited / 1000)} s for the machine to calm down` : '';
    notes.push(
      `run ${rerun} ended ${outcome.status} while the machine was starved of CPU (${starved}): run again${after}`,
    );
    if (aborted()) break;
    outcome = await run();
  }
  if (notes.length === 0) return outcome;
  return { ...outcome, evidence: { ...outcome.evidence, notes: [...notes, ...(outcome.evidence.notes ?? [])] } };
}

// A machine is calm enough to judge timing again when, over the last second, fewer than half as
// many tasks per core wanted a CPU as starve a run. The wait is bounded: on a machine crowded for
// minutes the re-run goes ahead, and its own reading says whether it was starved too.
export const calmBounds = {
  runnablePerCore: starvationBounds.runnablePerCore / 2,
  lookEveryMs: 250,
  looks: 4,
  maxWaitMs: 60_000,
} as const;

export async function waitUntilCalm(
  signal?: AbortSignal,
  read: () => CpuCounters | undefined = readCpuCounters,
  cores: number = availableParallelism(),
): Promise<number> {
  const started = performance.now();
  const recent: number[] = [];
  while (performance.now() - started < calmBounds.maxWaitMs && signal?.aborted !== true) {
    const now = read();
    if (now === undefined) break; // no /proc: nothing to wait for
    recent.push(now.runnable / Math.max(1, cores));
    if (recent.length > calmBounds.looks) recent.shift();
    const mean = recent.reduce((a, b) => a + b, 0) / recent.length;
    if (recent.length === calmBounds.looks && mean < calmBounds.runnablePerCore) break;
    await new Promise((resolve) => setTimeout(resolve, calmBounds.lookEveryMs));
  }
  return Math.round(performance.now() - started);
}
