import { fileURLToPath } from 'node:url';
import type { BatchSummary, SubmissionResult } from '../../harness/model/result.js';
import { readResults, readSummary } from '../../harness/report/read-results.js';

// The saved results the report tests render: full marks, fail+blocked+error, hostile, one miss.
export const fixtureDir = fileURLToPath(new URL('../fixtures/results/', import.meta.url));

// Loads the fixture results and their summary through the same reader `sockgrade report` uses.
export async function loadFixtures(): Promise<{ results: SubmissionResult[]; summary: BatchSummary }> {
  const results = await readResults(fixtureDir);
  const summary = await readSummary(fixtureDir);
  if (summary === undefined) throw new Error(`no summary.json in ${fixtureDir}`);
  return { results, summary };
}

// One fixture result by submission name.
export function pickResult(results: readonly SubmissionResult[], submission: string): SubmissionResult {
  const result = results.find((candidate) => candidate.submission === submission);
  if (result === undefined) throw new Error(`no fixture named ${submission}`);
  return result;
}

// A folder name a student could choose: ESC clears the screen, BEL rings, then a newline, "#" and "\".
export const hostileName = 'evil\x1b[2J\x07na\\me\nrm #1';
