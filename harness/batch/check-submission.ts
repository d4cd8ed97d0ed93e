import { randomBytes } from 'node:crypto';
import pLimit from 'p-limit';
import { isDirectory } from './is-directory.js';
import { gradeSubmission } from '../grading/grade-submission.js';
import { pairsWithReference, prepareReference } from '../grading/prepare-reference.js';
import { renderTerminal } from '../report/render-terminal.js';
import { formatIssue } from '../rubric/format-issues.js';
import { loadRubric } from '../rubric/load-rubric.js';
import { detectIsolation, type IsolationChoice } from '../sandbox/detect-isolation.js';

// What `sockgrade check` was asked: a student's own folder, checked before hand-in.
export interface CheckOptions {
  readonly dir: string;
  readonly rubric: string;
  readonly jobs: number;
  readonly seed: string | undefined;
  readonly only: readonly string[] | undefined;
  readonly isolation: IsolationChoice;
  readonly color: boolean;
  readonly print: (line: string) => void;
  readonly log: (line: string) => void;
}

// Grades the visible criteria of one submission and prints a report a student can act on;
// exit 0 only when every one of them passes.
export async function checkSubmission(options: CheckOptions): Promise<number> {
  const loaded = await loadRubric(options.rubric);
  if (!loaded.ok) {
    for (const issue of loaded.issues) options.log(formatIssue(issue));
    return 2;
  }
  if (!isDirectory(options.dir)) {
    options.log(`${options.dir}: not a folder; run sockgrade check in your submission's folder, or name it`);
    return 2;
  }
  const isolation = await detectIsolation(options.isolation);
  if (!isolation.ok) {
    options.log(isolation.message);
    return 2;
  }
  const paired = pairsWithReference(loaded.rubric) ? await prepareReference(loaded.rubric, isolation.plan) : undefined;
  if (paired && !paired.ok) {
    options.log(paired.message);
    return 3;
  }
  const controller = new AbortController();
  const interrupt = (): void => controller.abort();
  process.once('SIGINT', interrupt);
  try {
    const result = await gradeSubmission(options.dir, loaded.rubric, {
      rubricPath: loaded.rubric.source,
      plan: isolation.plan,
      seed: options.seed ?? randomBytes(4).toString('hex'),
      reruns: 0,
      pool: pLimit(isolation.plan.mode === 'none' ? 1 : options.jobs),
      signal: controller.signal,
      visibleOnly: true,
      ...(paired ? { reference: paired.reference } : {}),
      ...(options.only ? { only: options.only } : {}),
    });
    if (controller.signal.aborted) return 130;
    options.print(renderTerminal(result, { color: options.color }));
    // Criteria for the lecturer (manual) do not hold a student back.
    return result.criteria.every((c) => c.status === 'pass' || c.status === 'manual') ? 0 : 1;
  } finally {
    process.off('SIGINT', interrupt);
    if (paired?.ok) paired.stage.remove();
  }
}
