import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpuLoadBetween, readCpuCounters } from './read-cpu-load.js';

// How starved of CPU a run was: the delay of the harness's own event loop (its timers, its reads
// of the programs' output and of the wire) and the machine's CPU pressure, over the run.
export interface StarvationReading {
  readonly loopDelayMaxMs: number;
  readonly loopDelayP99Ms: number;
  readonly pressureShare?: number; // 0–1 of the run some task waited for a CPU (/proc/pressure/cpu)
  readonly busyShare?: number; // 0–1 of all cores' time spent working
}

// Starts watching; the function returned stops and reads what was seen since.
export function watchStarvation(): () => StarvationReading {
  const delay = monitorEventLoopDelay({ resolution: 20 });
  delay.enable();
  const before = readCpuCounters();
  return () => {
    delay.disable();
    const after = readCpuCounters();
    const load = before && after ? cpuLoadBetween(before, after) : undefined;
    const ms = (ns: number): number => Math.round(ns / 1e5) / 10;
    return {
      loopDelayMaxMs: ms(delay.max),
      loopDelayP99Ms: ms(delay.percentile(99)),
      ...(load?.pressureShare === undefined ? {} : { pressureShare: Math.round(load.pressureShare * 100) / 100 }),
      ...(load === undefined ? {} : { busyShare: Math.round(load.busyShare * 100) / 100 }),
    };
  };
}
