import type { LimitFunction } from 'p-limit';
import { cpuLoadBetween, readCpuCounters, type CpuCounters, type CpuLoad } from '../sandbox/read-cpu-load.js';

// The machine has headroom below these, and is saturated above the others. Runs mostly wait (on
// prompts, deadlines, the network), so a machine at 80% busy still serves one more. CPU pressure
// alone cannot tell: on 2 cores it reads 100% as soon as a third task wants a CPU, which grading
// at four runs per core does with every verdict right. What breaks verdicts is a long run queue:
// with more than 2.5 tasks per core wanting a CPU, a server's start and a crowd's joins stretch
// past their deadlines (a crowd of 12 failing at --jobs 32 on 2 cores).
export const headroomBounds = { busyBelow: 0.8, runnablePerCoreBelow: 1.5, saturatedRunnablePerCore: 2.5 } as const;

// What the decision sees: the pool now, the machine since the last look.
export interface ConcurrencyReading {
  readonly active: number; // runs in progress
  readonly pending: number; // runs waiting to start
  readonly ceiling: number; // --jobs: never more than this
  readonly cores: number;
  readonly load: CpuLoad | undefined; // undefined: nothing known (no /proc), so the ceiling holds
}

// How many runs may be in progress from now on. As many as there are cores always may (fewer
// would leave a calm machine idle); beyond that, one more is admitted per look while the machine
// has headroom, none while it is neither idle nor saturated, and the limit falls back towards
// the cores while it is saturated (runs in progress finish; no new one starts until it clears).
export function decideConcurrency({ active, pending, ceiling, cores, load }: ConcurrencyReading): number {
  const floor = Math.max(1, Math.min(ceiling, cores));
  if (load === undefined) return ceiling;
  if (load.runnablePerCore >= headroomBounds.saturatedRunnablePerCore) return Math.max(floor, active - 1);
  if (
    load.busyShare < headroomBounds.busyBelow &&
    load.runnablePerCore < headroomBounds.runnablePerCoreBelow &&
    pending > 0
  ) {
    return Math.min(ceiling, Math.max(floor, active + 1));
  }
  return Math.max(floor, Math.min(ceiling, active));
}

// How often the machine is looked at: often enough to follow a batch's runs (seconds each), and
// each admission is seen in the counters before the next one is decided.
const lookEveryMs = 500;

// Keeps the pool's concurrency where decideConcurrency puts it, until stopped.
export function adaptConcurrency(
  pool: LimitFunction,
  ceiling: number,
  cores: number,
  read: (now?: number) => CpuCounters | undefined = readCpuCounters,
): () => void {
  let before = read();
  if (before === undefined) return () => undefined; // no /proc: the fixed ceiling, as before
  pool.concurrency = Math.max(1, Math.min(ceiling, cores));
  const timer = setInterval(() => {
    const now = read();
    if (now === undefined || before === undefined) return;
    const load = cpuLoadBetween(before, now, cores);
    before = now;
    pool.concurrency = decideConcurrency({
      active: pool.activeCount,
      pending: pool.pendingCount,
      ceiling,
      cores,
      load,
    });
  }, lookEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}
