import { availableParallelism } from 'node:os';

// How many runs the batch may have in progress, as its opening line says it: beyond one per
// core, runs start only while the machine has CPU to spare (see adapt-concurrency.ts).
export function describeJobs(jobs: number, cores: number = availableParallelism()): string {
  if (jobs <= cores) return `${jobs} job(s)`;
  return `${cores}–${jobs} job(s) as CPU headroom allows`;
}
