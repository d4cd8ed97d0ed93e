import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BatchSummary, SubmissionResult } from '../model/result.js';
import { loadRubric } from '../rubric/load-rubric.js';
import { readResults, readSummary } from '../report/read-results.js';
import { ReportInputError } from '../report/report-input-error.js';
import { summarizeResults } from '../report/summarize-results.js';
import { revealName } from '../model/escape-text.js';
import { collectSources } from '../similarity/collect-sources.js';
import { findSimilarPairs } from '../similarity/find-similar-pairs.js';
import type { SimilarPair } from '../model/similar-pair.js';
import { isDirectory } from './is-directory.js';
import { readOutputFolder } from './read-output-folder.js';

// The share of fingerprints above which a pair is listed, as grade's default.
const defaultSimilarity = 0.5;

// What `sockgrade merge` was asked.
export interface MergeOptions {
  readonly dirs: readonly string[];
  readonly out: string;
  readonly similarity?: number | undefined;
  readonly writeReports: (
    outDir: string,
    results: readonly SubmissionResult[],
    summary: BatchSummary,
  ) => Promise<string[]>;
  readonly print: (line: string) => void;
  readonly log: (line: string) => void;
}

interface Shard {
  readonly dir: string;
  readonly results: readonly SubmissionResult[];
  readonly summary: BatchSummary | undefined;
}

// Joins the output folders of a sharded batch (--shard I/N) into one class report, every format,
// as one unsharded batch would have written it; exit 0, or 2 after naming every problem: results
// of different rubrics or harness versions, a submission in two folders, a folder with no results.
export async function mergeOutputs(options: MergeOptions): Promise<number> {
  const shards: Shard[] = [];
  const problems: string[] = [];
  for (const dir of options.dirs) {
    try {
      shards.push({ dir, results: await readResults(dir), summary: await readSummary(dir) });
    } catch (error) {
      if (!(error instanceof ReportInputError)) throw error;
      problems.push(...error.problems);
    }
  }
  problems.push(...describeMergeConflicts(shards));
  if (
    !options.dirs.some((dir) => path.resolve(dir) === path.resolve(options.out)) &&
    readOutputFolder(options.out).results.length > 0
  ) {
    problems.push(`${options.out}: already holds results; merge into a new or empty folder`);
  }
  if (problems.length > 0) {
    for (const problem of problems) options.log(`merge: ${problem}`);
    return 2;
  }
  const results = shards.flatMap((s) => s.results).sort((a, b) => a.submission.localeCompare(b.submission));
  const summaries = shards.flatMap((s) => (s.summary ? [s.summary] : []));
  const seeds = new Set(summaries.map((s) => s.seed));
  const [seed] = seeds;
  const roster = summaries.find((s) => s.roster !== undefined)?.roster;
  const summary = summarizeResults(results, {
    rubric: results[0]?.rubric ?? '',
    seed: seeds.size === 1 && seed !== undefined ? seed : 'per submission',
    isolation: summaries.some((s) => s.isolation === 'none') ? 'none' : 'netns',
    durationMs: Math.max(0, ...summaries.map((s) => s.durationMs)),
    submissions: [],
    ...(roster ? { roster } : {}),
    similar: await findPairs(results, shards, options.similarity ?? defaultSimilarity, options.log),
  });
  const written = await options.writeReports(options.out, results, summary);
  options.print(
    `merged ${results.length} submission(s) from ${shards.length} folder(s); wrote ${written.length} file(s) to ${options.out}`,
  );
  return 0;
}

// Every reason these folders cannot make one class report, each naming what clashes.
function describeMergeConflicts(shards: readonly Shard[]): string[] {
  const problems: string[] = [];
  const describeBy = (key: (r: SubmissionResult) => string): string =>
    [...groupBy(shards, key).entries()].map(([value, where]) => `${value} (${where.join('; ')})`).join(', ');
  if (new Set(shards.flatMap((s) => s.results.map((r) => r.rubric))).size > 1) {
    problems.push(
      `the folders hold results of different rubrics: ${describeBy((r) => r.rubric)}; merge the shards of one grading`,
    );
  }
  if (new Set(shards.flatMap((s) => s.results.map((r) => r.harness.version))).size > 1) {
    problems.push(
      `the folders hold results of different sockgrade versions: ${describeBy((r) => `sockgrade ${r.harness.version}`)}; grade every shard with one version`,
    );
  }
  const seen = new Map<string, string[]>();
  for (const shard of shards)
    for (const r of shard.results) seen.set(r.submission, [...(seen.get(r.submission) ?? []), shard.dir]);
  for (const [submission, dirs] of seen) {
    if (dirs.length > 1)
      problems.push(
        `${revealName(submission)} is in ${dirs.join(' and ')}; each submission must be in one folder only`,
      );
  }
  return problems;
}

// "shard-1: alpha, beta" per value of the key, for a message.
function groupBy(shards: readonly Shard[], key: (r: SubmissionResult) => string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const shard of shards) {
    const byValue = new Map<string, string[]>();
    for (const r of shard.results) byValue.set(key(r), [...(byValue.get(key(r)) ?? []), revealName(r.submission)]);
    for (const [value, names] of byValue)
      groups.set(value, [...(groups.get(value) ?? []), `${shard.dir}: ${names.join(', ')}`]);
  }
  return groups;
}

// Similar pairs across the whole class, found again from the submissions' folders (a shard sees
// only its own); where a folder is gone, the pairs the shards found are kept, and that is said.
async function findPairs(
  results: readonly SubmissionResult[],
  shards: readonly Shard[],
  threshold: number,
  log: (line: string) => void,
): Promise<SimilarPair[]> {
  const shardPairs = shards.flatMap((s) => s.summary?.similar ?? []);
  if (!results.every((r) => isDirectory(r.path))) {
    log(
      'note: some submission folders are gone, so similar pairs across shards cannot be looked for; the pairs each shard found are kept',
    );
    return shardPairs;
  }
  const rubricFile = results[0]?.rubricPath;
  const loaded = rubricFile !== undefined && existsSync(rubricFile) ? await loadRubric(rubricFile) : undefined;
  const starter = loaded?.ok && loaded.rubric.starter ? collectSources(loaded.rubric.starter) : undefined;
  return findSimilarPairs(
    results.map((r) => ({ submission: r.submission, files: collectSources(r.path) })),
    { threshold, ...(starter ? { starter } : {}) },
  );
}
