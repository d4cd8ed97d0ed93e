import { z } from 'zod';
import type { BatchSummary, SubmissionResult } from '../model/result.js';
import { rosterSchema } from '../model/roster.js';
import { similarPairSchema } from '../model/similar-pair.js';

const statusSchema = z.enum(['pass', 'fail', 'error', 'blocked', 'manual', 'flaky']);
const isolationSchema = z.enum(['netns', 'none']);

// Loose objects keep fields this version does not know, so re-rendering never loses data.
const transcriptLineSchema = z.looseObject({
  t: z.number(),
  actor: z.string(),
  stream: z.enum(['stdin', 'stdout', 'stderr', 'event']),
  text: z.string(),
});

const wireRecordSchema = z.looseObject({
  t: z.number(),
  link: z.string(),
  dir: z.enum(['up', 'down']),
  n: z.number().int().positive().optional(),
  size: z.number().int().nonnegative(),
  head: z.string(),
  fault: z.string().optional(),
});

const criterionSchema = z.looseObject({
  id: z.string().min(1),
  title: z.string(),
  mandatory: z.boolean(),
  visibility: z.enum(['visible', 'hidden']),
  points: z.number(),
  maxPoints: z.number().nonnegative(),
  status: statusSchema,
  message: z.string(),
  hint: z.string().optional(),
  durationMs: z.number().nonnegative(),
  evidence: z.looseObject({
    expected: z.string().optional(),
    observed: z.string().optional(),
    step: z.number().int().optional(),
    transcript: z.array(transcriptLineSchema).optional(),
    wire: z.array(wireRecordSchema).optional(),
    notes: z.array(z.string()).optional(),
  }),
  overridden: z.boolean().optional(),
  automated: z.looseObject({ points: z.number(), status: statusSchema, message: z.string() }).optional(),
});

// The shape of <out>/<submission>/result.json, checked before a saved result is re-rendered.
export const submissionResultSchema = z.looseObject({
  submission: z.string().min(1),
  path: z.string(),
  rubric: z.string(),
  rubricPath: z.string().optional(),
  score: z.number(),
  maxScore: z.number().nonnegative(),
  seed: z.string(),
  durationMs: z.number().nonnegative(),
  gradedAt: z.string(),
  harness: z.looseObject({
    version: z.string(),
    isolation: isolationSchema,
    sandbox: z.enum(['bubblewrap', 'unshare', 'none']).optional(),
    isolationNote: z.string().optional(),
  }),
  students: z.array(z.looseObject({ id: z.string(), name: z.string(), email: z.string() })).optional(),
  notes: z.array(z.string()).optional(),
  launch: z.array(z.looseObject({ setting: z.string(), value: z.string().optional(), from: z.string() })).optional(),
  criteria: z.array(criterionSchema),
  regrades: z
    .array(z.looseObject({ criteria: z.array(z.string()), seed: z.string(), gradedAt: z.string() }))
    .optional(),
});

// The shape of <out>/summary.json.
export const batchSummarySchema = z.looseObject({
  rubric: z.string(),
  seed: z.string(),
  isolation: isolationSchema,
  durationMs: z.number().nonnegative(),
  submissions: z.array(
    z.looseObject({
      submission: z.string(),
      score: z.number(),
      maxScore: z.number(),
      statuses: z.record(z.string(), statusSchema),
    }),
  ),
  roster: rosterSchema.optional(),
  missing: z.array(z.string()).optional(),
  unmatched: z.array(z.string()).optional(),
  similar: z.array(similarPairSchema).optional(),
});

function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`),
    '',
  );
}

// Checks parsed JSON as a SubmissionResult; problems read "criteria[2].status: Invalid option…".
export function checkSubmissionResult(
  data: unknown,
): { ok: true; result: SubmissionResult } | { ok: false; problems: string[] } {
  const parsed = submissionResultSchema.safeParse(data);
  // The checked input itself, not zod's copy: its keys keep their order, so a result written
  // again is the same bytes.
  if (parsed.success) return { ok: true, result: data as SubmissionResult };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => `${formatIssuePath(issue.path) || '(top level)'}: ${issue.message}`),
  };
}

// Checks parsed JSON as a BatchSummary.
export function checkBatchSummary(
  data: unknown,
): { ok: true; summary: BatchSummary } | { ok: false; problems: string[] } {
  const parsed = batchSummarySchema.safeParse(data);
  if (parsed.success) return { ok: true, summary: data as BatchSummary };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => `${formatIssuePath(issue.path) || '(top level)'}: ${issue.message}`),
  };
}
