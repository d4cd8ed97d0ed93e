import path from 'node:path';
import type { Rubric } from '../rubric/rubric.js';
import type { IsolationPlan } from '../sandbox/detect-isolation.js';
import { harnessVersion } from '../version.js';
import { decideVerdict } from './decide-verdict.js';
import type { SubmissionResult } from './result.js';

// What a submission's result says when sockgrade itself failed while grading it: every selected
// criterion `error`, with the reason, the same shape gradeSubmission gives a submission it could
// not grade, so the batch saves it and goes on with the others.
export function buildErrorResult(
  dir: string,
  rubric: Rubric,
  options: { readonly plan: IsolationPlan; readonly seed: string; readonly only?: readonly string[]; readonly visibleOnly?: boolean },
  message: string,
  durationMs: number,
): SubmissionResult {
  const criteria = rubric.criteria
    .filter((c) => (!options.only || options.only.includes(c.id)) && (!options.visibleOnly || c.visibility === 'visible'))
    .map((c) => decideVerdict(c, { status: 'error', message, evidence: {}, durationMs: 0 }));
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
    harness: {
      version: harnessVersion,
      isolation: options.plan.mode,
      sandbox: options.plan.sandbox,
      ...(options.plan.note ? { isolationNote: options.plan.note } : {}),
    },
    criteria,
  };
}

// The message of such a result: what failed, in sockgrade's words, and what the lecturer can do.
export function describeGradingFault(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `sockgrade could not grade this submission: ${reason}. Check the submission's files (a special file such as a pipe or socket, a folder where a file belongs), fix or remove them, and grade it again.`;
}
