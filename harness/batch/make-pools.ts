import pLimit, { type LimitFunction } from 'p-limit';
import type { IsolationPlan } from '../sandbox/detect-isolation.js';
import { PortTurns } from '../sandbox/port-turns.js';

// The limits runs share: `jobs` at a time; without namespaces, also turns on the machine's
// ports, so that two servers that hard-code 9999 never run at once. Clearing the pool's queue
// (on an interrupt) rejects the tasks that had not started.
export function makePools(plan: IsolationPlan, jobs: number): { pool: LimitFunction; portTurns?: PortTurns } {
  return { pool: pLimit({ concurrency: jobs, rejectOnClear: true }), ...(plan.mode === 'none' ? { portTurns: new PortTurns() } : {}) };
}
