// How starved of CPU a run was: the delay of the harness's own event loop (its timers, its reads
// of the programs' output and of the wire), and how many tasks per core wanted a CPU on the
// machine (every program of the run competes with them), over the run.
export interface StarvationReading {
  readonly loopDelayMaxMs: number;
  readonly loopDelayP99Ms: number;
  readonly runnablePerCore?: number; // the mean of a reading every quarter second
  readonly busyShare?: number; // 0–1 of all cores' time spent working
  readonly pressureShare?: number; // 0–1 of the run some task waited for a CPU (/proc/pressure/cpu), for the record
}
