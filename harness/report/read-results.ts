import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BatchSummary, SubmissionResult } from '../model/result.js';
import { ReportInputError } from './report-input-error.js';
import { checkBatchSummary, checkSubmissionResult } from './result-schema.js';

const maxProblemsPerFile = 8;

async function readJson(
  file: string,
): Promise<{ ok: true; data: unknown } | { ok: false; problem: string } | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return { ok: true, data: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, problem: `${file}: not valid JSON: ${(error as Error).message}` };
  }
}

// Loads and checks every <outDir>/<submission>/result.json; all bad files go in one ReportInputError.
export async function readResults(outDir: string): Promise<SubmissionResult[]> {
  let entries;
  try {
    entries = await readdir(outDir, { withFileTypes: true });
  } catch {
    throw new ReportInputError('NO_RESULTS', [
      `${outDir}: cannot read this folder; give the --out folder of a "sockgrade grade" run`,
    ]);
  }
  const results: SubmissionResult[] = [];
  const problems: string[] = [];
  for (const entry of entries
    .filter((candidate) => candidate.isDirectory())
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const file = join(outDir, entry.name, 'result.json');
    const read = await readJson(file);
    if (read === undefined) continue;
    if (!read.ok) {
      problems.push(read.problem);
      continue;
    }
    const checked = checkSubmissionResult(read.data);
    if (checked.ok) results.push(checked.result);
    else problems.push(...checked.problems.slice(0, maxProblemsPerFile).map((problem) => `${file}: ${problem}`));
  }
  if (problems.length > 0)
    throw new ReportInputError('BAD_RESULT_FILE', [
      ...problems,
      'Re-grade those submissions, or fix or remove the files.',
    ]);
  if (results.length === 0) {
    throw new ReportInputError('NO_RESULTS', [
      `${outDir}: no <submission>/result.json found; give the --out folder of a "sockgrade grade" run`,
    ]);
  }
  return results;
}

// Loads <outDir>/summary.json if there is one; a malformed one is an error, a missing one is not.
export async function readSummary(outDir: string): Promise<BatchSummary | undefined> {
  const file = join(outDir, 'summary.json');
  const read = await readJson(file);
  if (read === undefined) return undefined;
  if (!read.ok) throw new ReportInputError('BAD_SUMMARY_FILE', [read.problem]);
  const checked = checkBatchSummary(read.data);
  if (!checked.ok)
    throw new ReportInputError(
      'BAD_SUMMARY_FILE',
      checked.problems.slice(0, maxProblemsPerFile).map((problem) => `${file}: ${problem}`),
    );
  return checked.summary;
}
