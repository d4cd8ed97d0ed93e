import { readFileSync } from 'node:fs';

// Cumulative CPU counters of the whole machine, and how many tasks wanted a CPU at that moment:
// what two readings apart say about the time between.
export interface CpuCounters {
  readonly at: number; // ms, monotonic
  readonly busy: number; // jiffies any core spent working (user, nice, system, irq, softirq, steal)
  readonly total: number; // jiffies of every core, idle and iowait included
  readonly runnable: number; // tasks running or waiting for a CPU now, the reader itself not counted
  readonly stalledMicros: number | undefined; // /proc/pressure/cpu "some" total: time some task waited for a CPU
}

// How loaded the machine was between two readings.
export interface CpuLoad {
  readonly busyShare: number; // 0–1 of all cores' time spent working
  readonly runnablePerCore: number; // tasks that wanted a CPU, per core (the two readings' mean)
  readonly pressureShare: number | undefined; // 0–1 of the wall time some task waited for a CPU
}

// Reads the machine's counters (Linux /proc); undefined where /proc/stat cannot be read.
export function readCpuCounters(now: number = performance.now()): CpuCounters | undefined {
  let stat: string;
  try {
    stat = readFileSync('/proc/stat', 'utf8');
  } catch {
    return undefined;
  }
  const fields = (stat.split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user and nice)
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  const busy = user + nice + system + irq + softirq + steal;
  const running = Number(/^procs_running (\d+)$/m.exec(stat)?.[1] ?? 1);
  return {
    at: now,
    busy,
    total: busy + idle + iowait,
    runnable: Math.max(0, running - 1),
    stalledMicros: readStalledMicros(),
  };
}

// The load between two readings of the counters.
export function cpuLoadBetween(before: CpuCounters, after: CpuCounters, cores: number): CpuLoad | undefined {
  const total = after.total - before.total;
  const wallMicros = (after.at - before.at) * 1000;
  if (total <= 0 || wallMicros <= 0) return undefined;
  const stalled =
    before.stalledMicros !== undefined && after.stalledMicros !== undefined
      ? after.stalledMicros - before.stalledMicros
      : undefined;
  return {
    busyShare: Math.min(1, Math.max(0, (after.busy - before.busy) / total)),
    runnablePerCore: (before.runnable + after.runnable) / 2 / Math.max(1, cores),
    pressureShare: stalled === undefined ? undefined : Math.min(1, Math.max(0, stalled / wallMicros)),
  };
}

// Pressure stall information, where the kernel has it (4.20+, and not switched off).
function readStalledMicros(): number | undefined {
  try {
    const some = readFileSync('/proc/pressure/cpu', 'utf8')
      .split('\n')
      .find((line) => line.startsWith('some '));
    const total = some === undefined ? undefined : /total=(\d+)/.exec(some)?.[1];
    return total === undefined ? undefined : Number(total);
  } catch {
    return undefined;
  }
}
