import { availableParallelism } from 'node:os';
import pLimit, { type LimitFunction } from 'p-limit';
import type { IsolationPlan } from '../sandbox/detect-isolation.js';
import { PortTurns } from '../sandbox/port-turns.js';
import { adaptConcurrency } from './adapt-concurrency.js';

// The limits runs share: at most `jobs` at a time, and fewer while the machine has no CPU to
// spare (adaptConcurrency); without namespaces, also turns on the machine's ports, so that two
// servers that hard-code 9999 never run at once. Clearing the pool's queue (on an interrupt)
// rejects the tasks that had not started. `stop` ends the watching of the machine.
export function makePools(
  plan: IsolationPlan,
  jobs: number,
): { pool: LimitFunction; portTurns?: PortTurns; stop: () => void } {
  const pool = pLimit({ concurrency: jobs, rejectOnClear: true });
  const stop = adaptConcurrency(pool, jobs, availableParallelism());
  return { pool, stop, ...(plan.mode === 'none' ? { portTurns: new PortTurns() } : {}) };
}
