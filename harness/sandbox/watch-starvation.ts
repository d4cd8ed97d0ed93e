import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { StarvationReading } from '../model/starvation-reading.js';
import { cpuLoadBetween, readCpuCounters, type CpuCounters } from './read-cpu-load.js';

// Reading /proc/stat costs some microseconds; four times a second follows a run of seconds.
const sampleEveryMs = 250;

// Starts watching; the function returned stops and reads what was seen since.
export function watchStarvation(cores: number = availableParallelism()): () => StarvationReading {
  const delay = monitorEventLoopDelay({ resolution: 20 });
  delay.enable();
  const before = readCpuCounters();
  const runnable: number[] = before ? [before.runnable] : [];
  const sampler = setInterval(() => {
    const now = readCpuCounters();
    if (now) runnable.push(now.runnable);
  }, sampleEveryMs);
  sampler.unref();
  return () => {
    clearInterval(sampler);
    delay.disable();
    const after: CpuCounters | undefined = readCpuCounters();
    if (after) runnable.push(after.runnable);
    const load = before && after ? cpuLoadBetween(before, after, cores) : undefined;
    const ms = (ns: number): number => Math.round(ns / 1e5) / 10;
    const share = (value: number): number => Math.round(value * 100) / 100;
    return {
      loopDelayMaxMs: ms(delay.max),
      loopDelayP99Ms: ms(delay.percentile(99)),
      ...(runnable.length === 0
        ? {}
        : { runnablePerCore: share(runnable.reduce((a, b) => a + b, 0) / runnable.length / Math.max(1, cores)) }),
      ...(load === undefined ? {} : { busyShare: share(load.busyShare) }),
      ...(load?.pressureShare === undefined ? {} : { pressureShare: share(load.pressureShare) }),
    };
  };
}
