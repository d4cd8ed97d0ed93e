import { isDirectory } from './is-directory.js';
import { gradeSubmission } from '../grading/grade-submission.js';
import { pairsWithReference, prepareReference } from '../grading/prepare-reference.js';
import {
  makePaint,
  measureCriterionColumns,
  renderCriterionLine,
  renderTerminal,
} from '../report/formats/render-terminal.js';
import { revealName } from '../model/escape-text.js';
import type { IsolationChoice } from '../sandbox/detect-isolation.js';
import { newSeed, openIsolation, openRubric, openUidBlock } from './open-grading.js';
import { makePools } from './make-pools.js';
import { listenForInterrupt } from './listen-for-interrupt.js';
import { buildErrorResult, describeGradingFault, selectCriteria } from '../grading/error-result.js';
import type { Rubric } from '../rubric/rubric.js';
import { discoverSubmissions, type Intake } from '../intake/discover-submissions.js';
import { listEntryPointNames } from '../intake/entry-point-names.js';

// What `sockgrade check` was asked: a student's own folder, checked before hand-in.
export interface CheckOptions {
  readonly dir: string;
  readonly from?: string | undefined; // a zip or folder holding the submission somewhere inside
  readonly rubric: string;
  readonly jobs: number;
  readonly seed: string | undefined;
  readonly only: readonly string[] | undefined;
  readonly isolation: IsolationChoice;
  readonly color: boolean;
  readonly logColor?: boolean; // colour for the live verdict lines on stderr
  readonly print: (line: string) => void;
  readonly log: (line: string) => void;
}

// Grades the visible criteria of one submission and prints a report a student can act on;
// exit 0 only when every one of them passes.
export async function checkSubmission(options: CheckOptions): Promise<number> {
  const rubric = await openRubric(options.rubric, options.log);
  if (!rubric) return 2;
  if (options.from !== undefined) {
    const found = await discoverSubmissions(options.from, listEntryPointNames(rubric));
    if (!found.ok) {
      options.log(found.message);
      return 2;
    }
    try {
      const only = pickSingleSubmission(found.intake);
      if ('problem' in only) {
        options.log(only.problem);
        return 2;
      }
      return await checkFolder(only.root, rubric, options);
    } finally {
      found.intake.remove();
    }
  }
  if (!isDirectory(options.dir)) {
    options.log(
      `${revealName(options.dir)}: not a folder; run sockgrade check in your submission's folder, or name it`,
    );
    return 2;
  }
  return checkFolder(options.dir, rubric, options);
}

// The root of the one submission a student's zip or folder holds, or what is wrong with it.
function pickSingleSubmission(intake: Intake): { root: string } | { problem: string } {
  const [first, ...rest] = intake.submissions;
  if (!first) return { problem: `${revealName(intake.input)}: no submission in it` };
  if (rest.length > 0) {
    const sources = intake.submissions.map((s) => revealName(s.source)).join(', ');
    return {
      problem: `${revealName(intake.input)}: holds ${intake.submissions.length} submissions (${sources}); check takes one`,
    };
  }
  if (first.problems.length > 0 || first.root === undefined) return { problem: first.problems.join('\n') };
  return { root: first.root };
}

async function checkFolder(dir: string, rubric: Rubric, options: CheckOptions): Promise<number> {
  const plan = await openIsolation(options.isolation, options.log);
  if (!plan) return 2;
  if (openUidBlock(plan, options.log) === undefined) return 3;
  const paired = pairsWithReference(rubric) ? await prepareReference(rubric, plan) : undefined;
  if (paired && !paired.ok) {
    options.log(paired.message);
    return 3;
  }
  const { stop: stopAdapting, ...pools } = makePools(plan, options.jobs);
  const interruption = listenForInterrupt(pools.pool);
  const seed = options.seed ?? newSeed();
  const selection = { plan, seed, visibleOnly: true, ...(options.only ? { only: options.only } : {}) };
  const begun = Date.now();
  // Each verdict goes to stderr the moment it is decided; the report on stdout follows when all are.
  const { idWidth, titleWidth } = measureCriterionColumns(selectCriteria(rubric, selection));
  const paint = makePaint(options.logColor ?? false);
  try {
    const result = await gradeSubmission(dir, rubric, {
      ...selection,
      reruns: 0,
      ...pools,
      signal: interruption.signal,
      onVerdict: (criterion) => options.log(renderCriterionLine(criterion, idWidth, titleWidth, paint)),
      ...(paired ? { reference: paired.reference } : {}),
    }).catch((error: unknown) =>
      buildErrorResult(dir, rubric, selection, describeGradingFault(error), Date.now() - begun),
    );
    await interruption.settled();
    if (interruption.signal.aborted) return 130;
    options.print(renderTerminal(result, { color: options.color }));
    // Criteria for the lecturer (manual) do not hold a student back.
    return result.criteria.every((c) => c.status === 'pass' || c.status === 'manual') ? 0 : 1;
  } finally {
    stopAdapting();
    interruption.stop();
    if (paired?.ok) paired.stage.remove();
  }
}
