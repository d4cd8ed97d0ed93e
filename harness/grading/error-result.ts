import path from 'node:path';
import type { Criterion, Rubric } from '../rubric/rubric.js';
import type { IsolationPlan } from '../sandbox/detect-isolation.js';
import { harnessVersion } from '../version.js';
import { decideVerdict } from './decide-verdict.js';
import type { SubmissionResult } from '../model/result.js';

// What a submission's result says when sockgrade itself failed while grading it: every selected
// criterion `error`, with the reason, the same shape gradeSubmission gives a submission it could
// not grade, so the batch saves it and goes on with the others.
export function buildErrorResult(
  dir: string,
  rubric: Rubric,
  options: {
    readonly plan: IsolationPlan;
    readonly seed: string;
    readonly only?: readonly string[];
    readonly visibleOnly?: boolean;
  },
  message: string,
  durationMs: number,
): SubmissionResult {
  const criteria = selectCriteria(rubric, options).map((c) =>
    decideVerdict(c, { status: 'error', message, evidence: {}, durationMs: 0 }),
  );
  return {
    submission: path.basename(path.resolve(dir)),
    path: path.resolve(dir),
    rubric: rubric.name,
    rubricPath: path.relative(process.cwd(), rubric.source) || rubric.source,
    score: 0,
    maxScore: criteria.reduce((sum, r) => sum + r.maxPoints, 0),
    seed: options.seed,
    durationMs,
    gradedAt: new Date().toISOString(),
    harness: describeHarness(options.plan),
    criteria,
  };
}

// The criteria a grading covers: those named with --only, and only the visible ones for check.
export function selectCriteria(
  rubric: Rubric,
  options: { readonly only?: readonly string[]; readonly visibleOnly?: boolean },
): Criterion[] {
  return rubric.criteria.filter(
    (c) => (!options.only || options.only.includes(c.id)) && (!options.visibleOnly || c.visibility === 'visible'),
  );
}

// What a result records of the harness that graded it: its version and how programs were contained.
export function describeHarness(plan: IsolationPlan): SubmissionResult['harness'] {
  return {
    version: harnessVersion,
    isolation: plan.mode,
    sandbox: plan.sandbox,
    ...(plan.note ? { isolationNote: plan.note } : {}),
  };
}

// The message of such a result: what failed, in sockgrade's words, and what the lecturer can do.
export function describeGradingFault(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `sockgrade could not grade this submission: ${reason}. Check the submission's files (a special file such as a pipe or socket, a folder where a file belongs), fix or remove them, and grade it again.`;
}
