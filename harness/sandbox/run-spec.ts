// The two files that cross the worker boundary, declared once as schemas the types are inferred
// from. The harness checks both crossings with them: the spec before it writes it, the outcome
// after it reads it (the trust boundary: a run directory beside student programs). The worker
// imports the types only and checks neither at runtime: zod would add ~100 ms of CPU to each of
// 19 worker starts per submission (issue 15), the spec it reads was checked before it was written
// into a file only root may read or replace (test/sandbox/run-dir.test.ts), and the outcome it
// writes is typed by this schema at compile time and checked again where it is read.
import { z } from 'zod';
import type { Evidence, TranscriptLine, WireRecord } from '../model/result.js';
import type { Implementation } from '../model/implementation.js';
import type { StarvationReading } from '../model/starvation-reading.js';
import type { Rubric } from '../rubric/rubric.js';
import type { Confinement } from './confine-command.js';
import type { Limits } from './limits.js';

// A schema and the model's interface it checks have the same fields of the same types: each
// `…Match` constant below does not compile when one drifts from the other.
type Same<A, B> = [A, keyof A] extends [B, keyof B] ? ([B, keyof B] extends [A, keyof A] ? true : false) : false;

const transcriptLineSchema = z.strictObject({
  t: z.number(),
  actor: z.string(),
  stream: z.enum(['stdin', 'stdout', 'stderr', 'event']),
  text: z.string(),
});
const transcriptLineMatch: Same<z.infer<typeof transcriptLineSchema>, TranscriptLine> = true;

const wireRecordSchema = z.strictObject({
  t: z.number(),
  link: z.string(),
  dir: z.enum(['up', 'down']),
  n: z.number().optional(),
  size: z.number(),
  head: z.string(),
  fault: z.string().optional(),
});
const wireRecordMatch: Same<z.infer<typeof wireRecordSchema>, WireRecord> = true;

const evidenceSchema = z.strictObject({
  expected: z.string().optional(),
  observed: z.string().optional(),
  step: z.number().optional(),
  transcript: z.array(transcriptLineSchema).readonly().optional(),
  wire: z.array(wireRecordSchema).readonly().optional(),
  notes: z.array(z.string()).readonly().optional(),
});
const evidenceMatch: Same<z.infer<typeof evidenceSchema>, Evidence> = true;

const starvationSchema = z.strictObject({
  loopDelayMaxMs: z.number(),
  loopDelayP99Ms: z.number(),
  runnablePerCore: z.number().optional(),
  busyShare: z.number().optional(),
  pressureShare: z.number().optional(),
});
const starvationMatch: Same<z.infer<typeof starvationSchema>, StarvationReading> = true;

// What a worker reports back: the verdict of one run, before dependencies and re-runs.
export const runOutcomeSchema = z.strictObject({
  status: z.enum(['pass', 'fail', 'error', 'manual']),
  message: z.string(),
  evidence: evidenceSchema,
  durationMs: z.number(),
  fraction: z.number().optional(), // the share a measuring step found right (crowd), for partial credit
  harnessFault: z.string().optional(), // set when sockgrade itself failed, not the student's program
  serverOwnPort: z.literal(true).optional(), // the server did not listen on the port the harness gave it
  starvation: starvationSchema.optional(), // how starved of CPU the run was (see rerun-starved.ts)
});
export type RunOutcome = z.infer<typeof runOutcomeSchema>;
// The outcome file: one outcome per criterion of the run, in the spec's order.
export const runOutcomesSchema = z.array(runOutcomeSchema);

const implementationSchema = z.strictObject({
  label: z.string(),
  stageDir: z.string(),
  readable: z.array(z.string()).readonly(),
  server: z.string(),
  client: z.string(),
  password: z.string(),
  prompts: z.record(z.enum(['host', 'port', 'name', 'password']), z.string()), // the rubric's dialect (compile-pattern.ts)
  patterns: z.record(z.string(), z.string()),
  commands: z.record(z.string(), z.string()),
});
const implementationMatch: Same<z.infer<typeof implementationSchema>, Implementation> = true;

const limitsSchema = z.strictObject({
  processes: z.number(),
  memoryMb: z.number(),
  cpuSeconds: z.number(),
  fileSizeMb: z.number(),
  outputKb: z.number(),
  submissionMb: z.number(),
});
const limitsMatch: Same<z.infer<typeof limitsSchema>, Limits> = true;

const confinementSchema = z.strictObject({
  isolation: z.enum(['netns', 'none']),
  sandbox: z.enum(['bubblewrap', 'unshare', 'none']),
  uid: z.number().int().nonnegative().or(z.undefined()), // set when the harness is root
  limits: limitsSchema,
});
const confinementMatch: Same<z.infer<typeof confinementSchema>, Confinement> = true;

// The rubric crosses as loadRubric checked and normalised it (rubric.ts; its YAML schema is the
// document's, not this shape's): here only that it is one and grades the run's criterion.
const rubricSchema = z.custom<Rubric>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    'criteria' in value &&
    Array.isArray(value.criteria) &&
    'source' in value &&
    typeof value.source === 'string',
  'expected the loaded rubric',
);

// Everything a worker needs to grade a run's criteria of one submission, as JSON.
export const runSpecSchema = z
  .strictObject({
    rubric: rubricSchema,
    // The criteria the run plays, at once: one, or several that only run static probes (they read
    // the same staged copy and start no server, so one worker and one set of namespaces serve all).
    criterionIds: z.array(z.string()).min(1),
    submission: z.string(),
    student: implementationSchema,
    reference: implementationSchema.or(z.undefined()),
    runDir: z.string(),
    confinement: confinementSchema,
    seed: z.string(),
    attempt: z.number().int().nonnegative(),
    outcomePath: z.string(),
    hide: z.array(z.string()).readonly(), // folders covered in the run's mount namespace (netns isolation)
  })
  .refine((spec) => spec.criterionIds.every((id) => spec.rubric.criteria.some((c) => c.id === id)), {
    message: 'the rubric has no such criterion',
    path: ['criterionIds'],
  });
export type RunSpec = z.infer<typeof runSpecSchema>;
