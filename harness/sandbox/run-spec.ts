import type { Evidence } from '../model/result.js';
import type { Rubric } from '../rubric/rubric.js';
import type { Implementation } from '../model/implementation.js';
import type { Confinement } from './confine-command.js';
import type { StarvationReading } from '../model/starvation-reading.js';

// Everything a worker needs to grade one criterion of one submission, as JSON.
export interface RunSpec {
  readonly rubric: Rubric; // as the harness loaded and checked it
  readonly criterionId: string;
  readonly submission: string;
  readonly student: Implementation;
  readonly reference: Implementation | undefined;
  readonly runDir: string;
  readonly confinement: Confinement;
  readonly seed: string;
  readonly attempt: number;
  readonly outcomePath: string;
  readonly hide: readonly string[]; // folders covered in the run's mount namespace (netns isolation)
}

// What a worker reports back: the verdict of one run, before dependencies and re-runs.
export interface RunOutcome {
  readonly status: 'pass' | 'fail' | 'error' | 'manual';
  readonly message: string;
  readonly evidence: Evidence;
  readonly durationMs: number;
  readonly fraction?: number; // the share a measuring step found right (crowd), for partial credit
  readonly harnessFault?: string; // set when sockgrade itself failed, not the student's program
  readonly serverOwnPort?: true; // the server did not listen on the port the harness gave it
  readonly starvation?: StarvationReading; // how starved of CPU the run was (see rerun-starved.ts)
}
