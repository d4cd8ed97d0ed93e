import type { LimitFunction } from 'p-limit';
import { cpuLoadBetween, readCpuCounters, type CpuCounters, type CpuLoad } from '../grading/read-cpu-load.js';

// The machine has headroom below these shares, and is saturated above the others. Runs mostly
// wait (on prompts, deadlines, the network), so a machine at 70% still serves one more; above
// 90% busy, or with tasks waiting for a CPU most of the time, timing-sensitive judgements (a
// crowd of 12 joining within its deadline) start to fail for want of CPU, not for the program.
export const headroomBounds = { busyBelow: 0.7, pressureBelow: 0.3, saturatedBusy: 0.9, saturatedPressure: 0.6 } as const;

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
  const pressure = load.pressureShare ?? 0;
  if (load.busyShare >= headroomBounds.saturatedBusy || pressure >= headroomBounds.saturatedPressure) return Math.max(floor, active - 1);
  if (load.busyShare < headroomBounds.busyBelow && pressure < headroomBounds.pressureBelow && pending > 0) return Math.min(ceiling, Math.max(floor, active + 1));
  return Math.max(floor, Math.min(ceiling, active));
}

// How often the machine is looked at: often enough to follow a batch's runs (seconds each), and
// each admission is seen in the counters before the next one is decided.
const lookEveryMs = 500;

// Keeps the pool's concurrency where decideConcurrency puts it, until stopped.
export function adaptConcurrency(pool: LimitFunction, ceiling: number, cores: number, read: (now?: number) => CpuCounters | undefined = readCpuCounters): () => void {
  let before = read();
  if (before === undefined) return () => undefined; // no /proc: the fixed ceiling, as before
  pool.concurrency = Math.max(1, Math.min(ceiling, cores));
  const timer = setInterval(() => {
    const now = read();
    if (now === undefined || before === undefined) return;
    const load = cpuLoadBetween(before, now);
    before = now;
    pool.concurrency = decideConcurrency({ active: pool.activeCount, pending: pool.pendingCount, ceiling, cores, load });
  }, lookEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}
