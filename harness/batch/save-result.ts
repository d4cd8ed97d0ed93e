import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SubmissionResult } from '../model/result.js';

// Writes one submission's result.json the moment it is graded, atomically, so an interrupted
// batch keeps every result it finished.
export function saveResult(outDir: string, result: SubmissionResult): string {
  const dir = path.join(outDir, result.submission);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'result.json');
  const partial = `${file}.partial`;
  writeFileSync(partial, `${JSON.stringify(result, null, 2)}\n`);
  renameSync(partial, file);
  return file;
}

// A result saved by an earlier batch, if there is one for this submission, rubric and seed.
export function loadSavedResult(
  outDir: string,
  submission: string,
  rubric: string,
  seed: string,
): SubmissionResult | undefined {
  try {
    const saved = JSON.parse(readFileSync(path.join(outDir, submission, 'result.json'), 'utf8')) as SubmissionResult;
    return saved.rubric === rubric && saved.seed === seed ? saved : undefined;
  } catch {
    return undefined;
  }
}

// The seed an earlier batch in this folder used, so --resume grades the rest the same way.
export function readSavedSeed(outDir: string): string | undefined {
  try {
    const summary = JSON.parse(readFileSync(path.join(outDir, 'summary.json'), 'utf8')) as { seed?: unknown };
    return typeof summary.seed === 'string' ? summary.seed : undefined;
  } catch {
    return undefined;
  }
}
