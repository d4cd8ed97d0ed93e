import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describeStarvation,
  isTimeSensitive,
  calmBounds,
  rerunStarved,
  starvedReruns,
  waitUntilCalm,
  type WaitForCalm,
} from '../../harness/grading/rerun-starved.js';
import type { CpuCounters } from '../../harness/sandbox/read-cpu-load.js';
import { loadRubric } from '../../harness/rubric/load-rubric.js';
import type { RunOutcome } from '../../harness/sandbox/run-spec.js';

const calm = { loopDelayMaxMs: 30, loopDelayP99Ms: 21, runnablePerCore: 1.2, busyShare: 0.4, pressureShare: 1 };
const starvedLoop = { loopDelayMaxMs: 900, loopDelayP99Ms: 40, runnablePerCore: 0.5, busyShare: 0.6 };
const starvedCpu = { loopDelayMaxMs: 60, loopDelayP99Ms: 30, runnablePerCore: 4.5, busyShare: 1 };

const outcome = (status: RunOutcome['status'], starvation: RunOutcome['starvation']): RunOutcome => ({
  status,
  message: status,
  evidence: { notes: ['skipped a FIFO'] },
  durationMs: 10,
  ...(starvation ? { starvation } : {}),
});

// Re-runs go ahead at once.
const noWait: WaitForCalm = async () => 0;

// A run function that returns the given outcomes in turn and counts its calls.
function scripted(...outcomes: RunOutcome[]): { run: () => Promise<RunOutcome>; calls: () => number } {
  let calls = 0;
  return { run: async () => outcomes[Math.min(calls++, outcomes.length - 1)] as RunOutcome, calls: () => calls };
}

describe('describeStarvation', () => {
  it('names what starved the run', () => {
    expect(describeStarvation(calm)).toBeUndefined();
    expect(describeStarvation(undefined)).toBeUndefined();
    expect(describeStarvation(starvedLoop)).toBe("sockgrade's event loop was delayed up to 900 ms (p99 40 ms)");
    expect(describeStarvation(starvedCpu)).toBe('4.5 tasks per core wanted a CPU on average');
  });
});

describe('isTimeSensitive', () => {
  it('is true of a criterion that starts programs, false of one that only reads the source', async () => {
    const loaded = await loadRubric(path.join(import.meta.dirname, '..', '..', 'rubrics', 'udp-chat.yaml'));
    if (!loaded.ok) throw new Error('the shipped rubric does not load');
    const byId = (id: string) => {
      const criterion = loaded.rubric.criteria.find((c) => c.id === id);
      if (!criterion) throw new Error(`udp-chat.yaml has no ${id}`);
      return criterion;
    };
    expect(isTimeSensitive(byId('X1'))).toBe(true);
    expect(isTimeSensitive(byId('M5'))).toBe(true);
    expect(isTimeSensitive(byId('O11'))).toBe(false);
  });
});

describe('rerunStarved', () => {
  it('keeps a failure judged on a calm machine, without running it again', async () => {
    const runs = scripted(outcome('fail', calm));
    const kept = await rerunStarved(runs.run, undefined, noWait);
    expect(kept.status).toBe('fail');
    expect(kept.evidence.notes).toEqual(['skipped a FIFO']);
    expect(runs.calls()).toBe(1);
  });

  it('never runs a pass again, starved or not', async () => {
    const runs = scripted(outcome('pass', starvedCpu));
    expect((await rerunStarved(runs.run, undefined, noWait)).status).toBe('pass');
    expect(runs.calls()).toBe(1);
  });

  it('runs a starved failure again and keeps the calm verdict, saying why in the notes', async () => {
    const runs = scripted(outcome('fail', starvedCpu), outcome('pass', calm));
    const kept = await rerunStarved(runs.run, undefined, noWait);
    expect(kept.status).toBe('pass');
    expect(runs.calls()).toBe(2);
    expect(kept.evidence.notes).toEqual([
      'run 1 ended fail while the machine was starved of CPU (4.5 tasks per core wanted a CPU on average): run again',
      'skipped a FIFO',
    ]);
  });

  it('runs a starved error again too', async () => {
    const runs = scripted(outcome('error', starvedLoop), outcome('fail', calm));
    expect((await rerunStarved(runs.run, undefined, noWait)).status).toBe('fail');
    expect(runs.calls()).toBe(2);
  });

  it("stops after its re-runs, and says the verdict may be the load's", async () => {
    const runs = scripted(outcome('fail', starvedCpu));
    const kept = await rerunStarved(runs.run, undefined, noWait);
    expect(runs.calls()).toBe(1 + starvedReruns);
    expect(kept.status).toBe('fail');
    expect(kept.evidence.notes?.at(-2)).toBe(
      `judged while the machine was starved of CPU (4.5 tasks per core wanted a CPU on average) after ${starvedReruns} re-runs: this verdict may be the load's, not the program's`,
    );
  });

  it('does not run again once the batch is interrupted', async () => {
    const runs = scripted(outcome('fail', starvedCpu), outcome('pass', calm));
    const controller = new AbortController();
    controller.abort();
    expect((await rerunStarved(runs.run, controller.signal, noWait)).status).toBe('fail');
    expect(runs.calls()).toBe(1);
  });

  it('waits for the machine to calm down before running again, and says how long', async () => {
    const order: string[] = [];
    const runs = scripted(outcome('fail', starvedCpu), outcome('pass', calm));
    const kept = await rerunStarved(
      async () => (order.push('run'), runs.run()),
      undefined,
      async () => (order.push('wait'), 4200),
    );
    expect(order).toEqual(['run', 'wait', 'run']);
    expect(kept.evidence.notes?.[0]).toBe(
      'run 1 ended fail while the machine was starved of CPU (4.5 tasks per core wanted a CPU on average): run again after waiting 4 s for the machine to calm down',
    );
  });
});

describe('waitUntilCalm', () => {
  const counters = (runnable: number): CpuCounters => ({
    at: 0,
    busy: 0,
    total: 0,
    runnable,
    stalledMicros: undefined,
  });

  it('ends once a second of readings is calm, not before', async () => {
    // two cores: 10 runnable tasks is 5 per core (starved), 2 is 1 per core (calm)
    const readings = [10, 10, 2, 2, 2, 2, 2, 2].map(counters);
    let reads = 0;
    await waitUntilCalm(undefined, () => readings[Math.min(reads++, readings.length - 1)], 2);
    expect(reads).toBe(2 + calmBounds.looks);
  });

  it('does not wait where the machine cannot be read, nor once the batch is interrupted', async () => {
    expect(await waitUntilCalm(undefined, () => undefined, 2)).toBeLessThan(calmBounds.lookEveryMs);
    const controller = new AbortController();
    controller.abort();
    let reads = 0;
    await waitUntilCalm(controller.signal, () => (reads++, counters(100)), 2);
    expect(reads).toBe(0);
  });
});
