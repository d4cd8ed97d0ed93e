import { readFileSync } from 'node:fs';
import type { ZodError } from 'zod';
import { runOutcomesSchema, type RunOutcome } from './run-spec.js';

// The outcomes the worker wrote, one per criterion of the run, checked: the run directory's files are root's alone
// (test/sandbox/run-dir.test.ts), but a worker killed while writing leaves half a file, and a
// shape the harness does not expect must become an error result, not a crash further on.
export function readOutcomes(
  outcomePath: string,
  count: number,
): { ok: true; outcomes: RunOutcome[] } | { ok: false; missing: boolean; problem: string } {
  let text: string;
  try {
    text = readFileSync(outcomePath, 'utf8');
  } catch {
    return { ok: false, missing: true, problem: 'the grading worker wrote no outcome' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, missing: false, problem: `the grading worker's outcome is not JSON (${reason})` };
  }
  const checked = runOutcomesSchema.length(count, `expected the outcomes of ${count} criteria`).safeParse(json);
  if (checked.success) return { ok: true, outcomes: checked.data };
  return {
    ok: false,
    missing: false,
    problem: `the grading worker's outcome is not one (${describeIssue(checked.error)})`,
  };
}

// The first problem zod found, with where: "evidence.notes.0: expected string, received number".
export function describeIssue(error: ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'no reason given';
  return issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`;
}
