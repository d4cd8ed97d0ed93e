import path from 'node:path';
import { describeBadSubmissionDir } from './describe-bad-submission-dir.js';
import { revealName } from '../model/escape-text.js';
import { gradeSubmission } from '../grading/grade-submission.js';
import { pairsWithReference, prepareReference } from '../grading/prepare-reference.js';
import type { BatchSummary, SubmissionResult } from '../model/result.js';
import type { IsolationChoice } from '../sandbox/detect-isolation.js';
import { newSeed, openIsolation, openRubric, openUidBlock } from './open-grading.js';
import { formatLegend, formatProgress } from './format-progress.js';
import { formatClassSummary } from './format-class-summary.js';
import { summarizeResults } from '../report/summarize-results.js';
import { saveResult } from './save-result.js';
import { readOutputFolder, type OutputFolder } from './read-output-folder.js';
import { describeFolderConflict } from './describe-folder-conflict.js';
import { mergeRegrade } from './merge-regrade.js';
import { selectShard, type Shard } from './select-shard.js';
import { makePools } from './make-pools.js';
import { describeJobs } from './describe-jobs.js';
import { listenForInterrupt } from './listen-for-interrupt.js';
import { buildErrorResult, describeGradingFault, selectCriteria } from '../grading/error-result.js';
import type { Rubric } from '../rubric/rubric.js';
import type { Roster, RosterField } from '../model/roster.js';
import { loadRoster } from '../roster/load-roster.js';
import { formatRosterNotes } from '../roster/format-roster-notes.js';
import { findStudentsOf } from '../roster/students-of.js';
import { collectSources } from '../similarity/collect-sources.js';
import { findSimilarPairs } from '../similarity/find-similar-pairs.js';
import { openSubmissions, type BatchSubmission } from './open-submissions.js';
import { isDirectory } from './is-directory.js';
import { formatBelowMinScore } from './format-below-min-score.js';
import { formatGithubAnnotations } from '../report/formats/format-github-annotations.js';
import { openProgressDisplay, type ProgressMode } from './show-progress.js';

// The share of a submission's fingerprints another must hold to be listed as similar.
const defaultSimilarity = 0.5;

// What `sockgrade grade` was asked to do, already parsed and range-checked by the CLI.
export interface BatchOptions {
  readonly submissions: readonly string[];
  readonly from?: string | undefined; // a download to take submissions from (see harness/intake), besides the folders
  readonly rubric: string;
  readonly out: string;
  readonly jobs: number;
  readonly seed: string | undefined;
  readonly shard: Shard | undefined;
  readonly resume: boolean;
  readonly force?: boolean; // grade into a folder holding another rubric's or seed's results
  readonly isolation: IsolationChoice;
  readonly reruns: number;
  readonly only: readonly string[] | undefined;
  readonly minScore: number | undefined;
  readonly annotate?: boolean; // under GitHub Actions: an ::error annotation per criterion that fell short
  readonly roster?: string | undefined; // --roster: a CSV of the class; the gradebook is keyed by its ids
  readonly rosterColumns?: Partial<Record<RosterField, string>> | undefined; // --roster-columns: which header holds which field
  readonly similarity?: number | undefined; // the share of fingerprints above which a pair is listed as similar (0.5 by default)
  readonly writeReports: (
    outDir: string,
    results: readonly SubmissionResult[],
    summary: BatchSummary,
  ) => Promise<string[]>;
  readonly print: (line: string) => void; // results, for stdout
  readonly log: (line: string) => void; // progress and problems, for stderr
  readonly progress?: ProgressMode; // a bar, plain lines now and then, or only the per-submission lines (the default)
}

// Grades every submission folder, saving each result as it completes; returns the exit code.
export async function gradeBatch(options: BatchOptions): Promise<number> {
  const rubric = await openRubric(options.rubric, options.log);
  if (!rubric) return 2;
  const unknownIds = (options.only ?? []).filter((id) => !rubric.criteria.some((c) => c.id === id));
  if (unknownIds.length > 0) {
    options.log(
      `--only: ${rubric.name} has no criterion ${unknownIds.join(', ')} (it has ${rubric.criteria.map((c) => c.id).join(', ')})`,
    );
    return 2;
  }
  const badDirs = options.submissions.flatMap((dir) => describeBadSubmissionDir(dir) ?? []);
  if (badDirs.length > 0) {
    for (const problem of badDirs) options.log(problem);
    return 2;
  }
  let roster: Roster | undefined;
  if (options.roster !== undefined) {
    const loaded = loadRoster(options.roster, options.rosterColumns);
    if (!loaded.ok) {
      for (const problem of loaded.problems) options.log(problem);
      return 2;
    }
    roster = loaded.roster;
  }
  const opened = await openSubmissions(options.submissions, options.from, rubric, options.log);
  if (!opened) return 2;
  try {
    return await gradeOpened(options, rubric, roster, opened.submissions, opened.hide);
  } finally {
    opened.remove();
  }
}

async function gradeOpened(
  options: BatchOptions,
  rubric: Rubric,
  roster: Roster | undefined,
  entries: readonly BatchSubmission[],
  hide: readonly string[],
): Promise<number> {
  const clashes = findNameClashes(entries);
  if (clashes.length > 0) {
    for (const clash of clashes) options.log(clash);
    return 2;
  }
  const folder = readOutputFolder(options.out);
  const conflict = describeFolderConflict(options.out, folder, rubric.name, options.seed);
  if (conflict !== undefined && options.force !== true) {
    options.log(conflict);
    return 2;
  }
  const plan = await openIsolation(options.isolation, options.log);
  if (!plan) return 2;
  const uids = openUidBlock(plan, options.log);
  if (uids === undefined) return 3;
  // A folder's own seed is reused, so a regrade there replays the same tokens and faults.
  const seed = options.seed ?? (folder.rubric === rubric.name ? folder.seed : undefined) ?? newSeed();
  const savedOf = new Map(folder.results.filter((r) => r.rubric === rubric.name).map((r) => [r.submission, r]));
  const rubricOrder = rubric.criteria.map((c) => c.id);
  const submissions = selectShard(
    [...entries].sort((a, b) => a.id.localeCompare(b.id)),
    options.shard,
  );
  const started = Date.now();
  options.log(
    `sockgrade: ${submissions.length} submission(s), rubric ${rubric.name}, seed ${seed}, isolation ${plan.mode}${plan.note ? ` (${plan.note})` : ''}, ${describeJobs(options.jobs)}${uids}`,
  );

  const { stop: stopAdapting, ...pools } = makePools(plan, options.jobs);
  const criteriaEach = selectCriteria(rubric, options.only ? { only: options.only } : {}).length;
  // While it shows, every stderr line goes through it, so the bar is never drawn through a line.
  const display = openProgressDisplay({
    mode: options.progress ?? 'off',
    submissions: submissions.length,
    criteriaEach,
    log: options.log,
  });
  const log = display.log;
  const interruption = listenForInterrupt(pools.pool, () =>
    log('interrupted: stopping the runs in progress; every finished result is kept'),
  );
  const { signal } = interruption;

  const paired = pairsWithReference(rubric) ? await prepareReference(rubric, plan) : undefined;
  if (paired && !paired.ok) {
    stopAdapting();
    interruption.stop();
    display.stop();
    options.log(paired.message);
    return 3;
  }
  const nameWidth = Math.max(...submissions.map((entry) => revealName(entry.id).length), 10);
  const results: SubmissionResult[] = [];
  let outFault: string | undefined;
  const gradeOne = async ({ id: name, dir, refusal, name: downloadName }: BatchSubmission): Promise<void> => {
    // A saved result of this rubric is updated, never lost: --only merges the criteria it grades
    // into it, and --resume grades only the criteria asked for that it does not hold yet.
    const saved = savedOf.get(name);
    const wanted = options.only ?? rubricOrder;
    const only =
      options.resume && saved?.seed === seed
        ? wanted.filter((id) => !saved.criteria.some((c) => c.id === id))
        : options.only;
    if (saved && only?.length === 0) {
      results.push(saved);
      display.finished(name, criteriaEach);
      // --only with --resume keeps what is saved: say so, and how to grade it again.
      const kept = options.only
        ? `kept from before: it holds ${options.only.join(', ')} already; drop --resume to grade again`
        : 'kept from before';
      log(`${formatProgress(results.length, submissions.length, saved, nameWidth)}  (${kept})`);
      return;
    }
    const merging = saved !== undefined && only !== undefined;
    if (signal.aborted) return;
    const begun = Date.now();
    const selection = { plan, seed, ...(only ? { only } : {}) };
    let faulted = false;
    let result: SubmissionResult;
    try {
      result = await gradeSubmission(dir, rubric, {
        ...selection,
        reruns: options.reruns,
        ...pools,
        signal,
        ...(paired ? { reference: paired.reference } : {}),
        submission: name,
        ...(refusal !== undefined ? { refusal } : {}),
        hide,
        onVerdict: () => display.verdict(name),
        // Recorded in the criterion's own result; said once per submission here.
        onHarnessFault: (fault) => {
          if (!faulted)
            log(
              `${revealName(name)}: sockgrade failed while grading it (${firstLine(fault)}); the criterion is recorded as error, and the batch goes on`,
            );
          faulted = true;
        },
      });
    } catch (error) {
      if (signal.aborted) return; // an interrupt dropped its queued work: not a result
      const message = describeGradingFault(error);
      log(`${revealName(name)}: ${message}`);
      result = { ...buildErrorResult(dir, rubric, selection, message, Date.now() - begun), submission: name };
    }
    if (signal.aborted) return; // half-graded: not a result
    const students = findStudentsOf(result, roster, downloadName);
    if (students) result = { ...result, students };
    if (merging) result = mergeRegrade(saved, result, rubricOrder);
    try {
      saveResult(options.out, result);
    } catch (error) {
      // Nothing graded from now on could be kept: stop the batch (exit 3).
      outFault ??= `${options.out}: sockgrade cannot save results there (${error instanceof Error ? error.message : String(error)}); make the folder writable or choose another with --out`;
      interruption.abort();
      return;
    }
    results.push(result);
    display.finished(name, criteriaEach);
    log(formatProgress(results.length, submissions.length, result, nameWidth));
  };
  try {
    await Promise.all(submissions.map(gradeOne));
    await interruption.settled(); // the runs an interrupt killed have swept their uids
  } finally {
    stopAdapting();
    interruption.stop();
    display.stop();
    if (paired?.ok) paired.stage.remove();
  }
  if (outFault !== undefined) {
    options.log(outFault);
    return 3;
  }
  results.sort((a, b) => a.submission.localeCompare(b.submission));
  options.log(formatLegend());

  // The class reports show every result of this rubric in the folder, not only this batch's.
  const classResults = gatherClassResults(results, folder, rubric.name, options.out, options.log);
  const batchIds = new Set(results.map((r) => r.submission));
  const folders = [
    ...entries
      .filter((e) => e.refusal === undefined && batchIds.has(e.id))
      .map((e) => ({ submission: e.id, dir: e.dir })),
    ...classResults
      .filter((r) => !batchIds.has(r.submission) && isDirectory(r.path))
      .map((r) => ({ submission: r.submission, dir: r.path })),
  ];
  const compared = new Set(folders.map((f) => f.submission));
  const classIds = new Set(classResults.map((r) => r.submission));
  // Pairs an earlier batch found between folders that cannot be read again (an unpacked download) are kept.
  const earlierPairs = (folder.summary?.similar ?? []).filter(
    (p) => !(compared.has(p.a) && compared.has(p.b)) && classIds.has(p.a) && classIds.has(p.b),
  );
  const keptRoster = roster ?? (folder.rubric === rubric.name ? folder.summary?.roster : undefined);
  const summary: BatchSummary = summarizeResults(classResults, {
    rubric: rubric.name,
    seed,
    isolation: plan.mode,
    durationMs: Date.now() - started,
    submissions: [],
    ...(keptRoster ? { roster: keptRoster } : {}),
    similar: [
      ...findSimilarPairs(
        folders.map((f) => ({ submission: f.submission, files: collectSources(f.dir) })),
        {
          threshold: options.similarity ?? defaultSimilarity,
          ...(rubric.starter ? { starter: collectSources(rubric.starter) } : {}),
        },
      ),
      ...earlierPairs,
    ],
  });
  if ((summary.similar ?? []).length > 0) {
    options.log(
      `similar: ${summary.similar?.length} pair(s) of submissions share much code; see index.html or summary.json (no grade changes)`,
    );
  }
  for (const line of formatRosterNotes(summary)) options.log(line);
  for (const line of formatClassSummary(classResults)) options.print(line);
  const written = await options.writeReports(options.out, classResults, summary);
  const topLevel = written.filter((file) => !file.includes('/'));
  options.print(
    `graded ${results.length} of ${submissions.length} submission(s) in ${(summary.durationMs / 1000).toFixed(1)} s; wrote ${written.length} file(s) to ${options.out}${topLevel.length > 0 ? ` (${topLevel.join(', ')})` : ''}`,
  );
  if (options.annotate === true) for (const line of formatGithubAnnotations(results, options.out)) options.print(line);
  if (signal.aborted) return 130;
  const below = options.minScore === undefined ? [] : formatBelowMinScore(results, options.minScore);
  for (const line of below) options.log(line);
  return below.length > 0 ? 1 : 0;
}

// Results are saved under each submission's name: two folders of one name would overwrite each other.
function findNameClashes(entries: readonly BatchSubmission[]): string[] {
  const byName = new Map<string, string[]>();
  for (const { id: name, shown: dir } of entries) {
    byName.set(name, [...(byName.get(name) ?? []), dir]);
  }
  return [...byName.entries()]
    .filter(([, same]) => same.length > 1)
    .map(
      ([name, same]) =>
        `${same.map(revealName).join(' and ')}: two submissions named "${revealName(name)}"; results are saved by folder name, so rename one`,
    );
}

// This batch's results with the ones of the same rubric an earlier batch left in the folder; the
// others (another rubric, graded here with --force) are named and left out.
function gatherClassResults(
  results: readonly SubmissionResult[],
  folder: OutputFolder,
  rubric: string,
  outDir: string,
  log: (line: string) => void,
): SubmissionResult[] {
  const batchIds = new Set(results.map((r) => r.submission));
  const earlier = folder.results.filter((r) => !batchIds.has(r.submission));
  const foreign = earlier.filter((r) => r.rubric !== rubric);
  if (foreign.length > 0) {
    log(
      `note: ${outDir} also holds ${foreign.length} result(s) of another rubric (${foreign.map((r) => revealName(r.submission)).join(', ')}), left out of the class reports`,
    );
  }
  return [...results, ...earlier.filter((r) => r.rubric === rubric)].sort((a, b) =>
    a.submission.localeCompare(b.submission),
  );
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? text
  );
}
