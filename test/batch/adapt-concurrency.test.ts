import pLimit from 'p-limit';
import { describe, expect, it } from 'vitest';
import { adaptConcurrency, decideConcurrency, headroomBounds } from '../../harness/batch/adapt-concurrency.js';
import { describeJobs } from '../../harness/batch/describe-jobs.js';
import { cpuLoadBetween, type CpuCounters } from '../../harness/sandbox/read-cpu-load.js';

const idle = { busyShare: 0.2, runnablePerCore: 0.5, pressureShare: 0.05 };
const middling = { busyShare: 0.9, runnablePerCore: 1.2, pressureShare: 1 };
const saturated = { busyShare: 1, runnablePerCore: 4, pressureShare: 1 };

describe('decideConcurrency', () => {
  it('admits one more run per look while the machine has headroom, up to --jobs', () => {
    expect(decideConcurrency({ active: 2, pending: 10, ceiling: 32, cores: 2, load: idle })).toBe(3);
    expect(decideConcurrency({ active: 7, pending: 10, ceiling: 8, cores: 2, load: idle })).toBe(8);
    expect(decideConcurrency({ active: 8, pending: 10, ceiling: 8, cores: 2, load: idle })).toBe(8);
  });

  it('admits nothing new while the machine is saturated, and falls back towards one run per core', () => {
    expect(decideConcurrency({ active: 12, pending: 10, ceiling: 32, cores: 2, load: saturated })).toBe(11);
    expect(decideConcurrency({ active: 2, pending: 10, ceiling: 32, cores: 2, load: saturated })).toBe(2);
    // A long run queue is saturation, however idle the cores look over the last half second.
    expect(
      decideConcurrency({
        active: 6,
        pending: 1,
        ceiling: 32,
        cores: 2,
        load: { busyShare: 0.5, runnablePerCore: headroomBounds.saturatedRunnablePerCore, pressureShare: undefined },
      }),
    ).toBe(5);
    // Full CPU pressure with a short queue is not: four runs per core read so with every verdict right.
    expect(decideConcurrency({ active: 6, pending: 1, ceiling: 32, cores: 2, load: middling })).toBe(6);
  });

  it('holds between idle and saturated', () => {
    expect(decideConcurrency({ active: 5, pending: 10, ceiling: 32, cores: 2, load: middling })).toBe(5);
  });

  it('always lets as many runs as cores go, but never more than --jobs', () => {
    expect(decideConcurrency({ active: 0, pending: 10, ceiling: 32, cores: 4, load: saturated })).toBe(4);
    expect(decideConcurrency({ active: 0, pending: 10, ceiling: 1, cores: 4, load: saturated })).toBe(1);
    expect(decideConcurrency({ active: 0, pending: 10, ceiling: 3, cores: 4, load: idle })).toBe(3);
  });

  it('does not raise the limit for runs that are not waiting', () => {
    expect(decideConcurrency({ active: 3, pending: 0, ceiling: 32, cores: 2, load: idle })).toBe(3);
  });

  it('keeps --jobs where the machine cannot be read', () => {
    expect(decideConcurrency({ active: 3, pending: 5, ceiling: 16, cores: 2, load: undefined })).toBe(16);
  });
});

describe('cpuLoadBetween', () => {
  it('reads the busy share, the run queue per core and the pressure share from two readings', () => {
    const before: CpuCounters = { at: 1000, busy: 100, total: 400, runnable: 2, stalledMicros: 0 };
    const after: CpuCounters = { at: 2000, busy: 250, total: 600, runnable: 6, stalledMicros: 400_000 };
    expect(cpuLoadBetween(before, after, 2)).toEqual({ busyShare: 0.75, runnablePerCore: 2, pressureShare: 0.4 });
  });

  it('has no pressure share without pressure stall information, and no load without time between', () => {
    const before: CpuCounters = { at: 1000, busy: 100, total: 400, runnable: 1, stalledMicros: undefined };
    expect(
      cpuLoadBetween(before, { at: 2000, busy: 150, total: 600, runnable: 1, stalledMicros: undefined }, 2)
        ?.pressureShare,
    ).toBeUndefined();
    expect(cpuLoadBetween(before, before, 2)).toBeUndefined();
  });
});

describe('adaptConcurrency', () => {
  it('starts a pool at one run per core, and leaves it at --jobs where /proc cannot be read', () => {
    const watched = pLimit(32);
    const stop = adaptConcurrency(watched, 32, 2, () => ({
      at: 0,
      busy: 0,
      total: 0,
      runnable: 0,
      stalledMicros: undefined,
    }));
    expect(watched.concurrency).toBe(2);
    stop();
    const blind = pLimit(32);
    adaptConcurrency(blind, 32, 2, () => undefined)();
    expect(blind.concurrency).toBe(32);
  });
});

describe('describeJobs', () => {
  it('says when runs beyond one per core wait for CPU headroom', () => {
    expect(describeJobs(2, 2)).toBe('2 job(s)');
    expect(describeJobs(32, 2)).toBe('2–32 job(s) as CPU headroom allows');
  });
});
