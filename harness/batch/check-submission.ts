import { isDirectory } from './is-directory.js';
import { gradeSubmission } from '../grading/grade-submission.js';
import { pairsWithReference, prepareReference } from '../grading/prepare-reference.js';
import { renderTerminal } from '../report/render-terminal.js';
import { revealName } from '../report/escape-text.js';
import type { IsolationChoice } from '../sandbox/detect-isolation.js';
import { newSeed, openIsolation, openRubric, openUidBlock } from './open-grading.js';
import { makePools } from './make-pools.js';
import { listenForInterrupt } from './listen-for-interrupt.js';
import { buildErrorResult, describeGradingFault } from '../grading/error-result.js';

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
  const rubric = await openRubric(options.rubric, options.log);
  if (!rubric) return 2;
  if (!isDirectory(options.dir)) {
    options.log(`${revealName(options.dir)}: not a folder; run sockgrade check in your submission's folder, or name it`);
    return 2;
  }
  const plan = await openIsolation(options.isolation, options.log);
  if (!plan) return 2;
  if (openUidBlock(plan, options.log) === undefined) return 3;
  const paired = pairsWithReference(rubric) ? await prepareReference(rubric, plan) : undefined;
  if (paired && !paired.ok) {
    options.log(paired.message);
    return 3;
  }
  const pools = makePools(plan, options.jobs);
  const interruption = listenForInterrupt(pools.pool);
  const seed = options.seed ?? newSeed();
  const selection = { plan, seed, visibleOnly: true, ...(options.only ? { only: options.only } : {}) };
  const begun = Date.now();
  try {
    const result = await gradeSubmission(options.dir, rubric, {
      ...selection,
      reruns: 0,
      ...pools,
      signal: interruption.signal,
      ...(paired ? { reference: paired.reference } : {}),
    }).catch((error: unknown) => buildErrorResult(options.dir, rubric, selection, describeGradingFault(error), Date.now() - begun));
    await interruption.settled();
    if (interruption.signal.aborted) return 130;
    options.print(renderTerminal(result, { color: options.color }));
    // Criteria for the lecturer (manual) do not hold a student back.
    return result.criteria.every((c) => c.status === 'pass' || c.status === 'manual') ? 0 : 1;
  } finally {
    interruption.stop();
    if (paired?.ok) paired.stage.remove();
  }
}
