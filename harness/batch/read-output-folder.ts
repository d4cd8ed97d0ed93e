import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BatchSummary, SubmissionResult } from '../model/result.js';
import { checkBatchSummary, checkSubmissionResult } from '../report/result-schema.js';

// What an output folder already holds: the results an earlier batch saved there (each checked
// against result.json's schema; unreadable ones are skipped), its summary, and the rubric and
// seed they were graded with.
export interface OutputFolder {
  readonly results: readonly SubmissionResult[];
  readonly summary?: BatchSummary;
  readonly rubric?: string;
  readonly seed?: string;
}

// Reads an output folder as a batch finds it; an empty or missing folder holds nothing.
export function readOutputFolder(outDir: string): OutputFolder {
  let names: string[];
  try {
    names = readdirSync(outDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    return { results: [] };
  }
  const results = names.flatMap((name) => {
    const data = readJson(path.join(outDir, name, 'result.json'));
    if (data === undefined) return [];
    const checked = checkSubmissionResult(data);
    return checked.ok && checked.result.submission === name ? [checked.result] : [];
  });
  const summaryData = readJson(path.join(outDir, 'summary.json'));
  const checked = summaryData === undefined ? undefined : checkBatchSummary(summaryData);
  const loose = (summaryData ?? {}) as { rubric?: unknown; seed?: unknown };
  const rubric = typeof loose.rubric === 'string' && loose.rubric !== '' ? loose.rubric : results[0]?.rubric;
  const seeds = new Set(results.map((r) => r.seed));
  const [onlySeed] = seeds;
  // "per submission" is what a summary of mixed seeds says: no seed to reuse.
  const seed =
    typeof loose.seed === 'string' && loose.seed !== 'per submission'
      ? loose.seed
      : seeds.size === 1
        ? onlySeed
        : undefined;
  return {
    results,
    ...(checked?.ok ? { summary: checked.summary } : {}),
    ...(rubric !== undefined ? { rubric } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}
