import { z } from 'zod';
import type { Status } from '../model/result.js';
import type { Rubric } from '../rubric/rubric.js';
import { quote } from '../yaml/describe-value.js';
import { formatIssue } from '../yaml/format-issues.js';
import { readSourceFile } from '../yaml/read-source-file.js';
import { suggestClosest } from '../yaml/suggest-closest.js';
import { validateDocument } from '../yaml/validate-document.js';
import { placeFindings, type Finding } from '../yaml/yaml-issue.js';
import { parseYamlWithPositions } from '../yaml/yaml-positions.js';

const statuses = ['pass', 'fail', 'error', 'blocked', 'manual', 'flaky'] as const satisfies readonly Status[];

// An example's expected.yaml: the rubric it is graded with, why, and the verdict of every criterion.
const expectedSchema = z.strictObject({
  rubric: z.string().min(1),
  note: z.string().optional(),
  criteria: z.record(z.string(), z.enum(statuses)),
});

// What an example must earn, or every problem of its expected.yaml as "file:line:col path: message".
export type ExpectedOutcome =
  | { readonly ok: true; readonly rubric: string; readonly criteria: Readonly<Record<string, Status>> }
  | { readonly ok: false; readonly errors: readonly string[] };

// Reads an expected.yaml; criteria are checked against the rubric when it is the one named.
export async function readExpected(file: string, rubric: Rubric): Promise<ExpectedOutcome> {
  const source = await readSourceFile(file);
  if (!source.ok) return { ok: false, errors: [formatIssue(source.issue)] };
  const parsed = parseYamlWithPositions(source.text, file, { keysAsTyped: true });
  if (!parsed.ok) return { ok: false, errors: parsed.issues.map(formatIssue) };
  const validated = validateDocument(expectedSchema, parsed.value ?? {});
  if (!validated.ok)
    return { ok: false, errors: placeFindings(validated.findings, file, parsed.locate).map(formatIssue) };
  const { rubric: name, criteria } = validated.data;
  if (name !== rubric.name) return { ok: true, rubric: name, criteria };
  const ids = rubric.criteria.map((criterion) => criterion.id);
  const unknown: Finding[] = Object.keys(criteria)
    .filter((id) => !ids.includes(id))
    .map((id) => {
      const closest = suggestClosest(id, ids);
      const hint = closest === undefined ? '' : `; did you mean ${quote(closest)}?`;
      return { path: ['criteria', id], at: 'key', message: `${rubric.name} has no criterion ${quote(id)}${hint}` };
    });
  if (unknown.length > 0) return { ok: false, errors: placeFindings(unknown, file, parsed.locate).map(formatIssue) };
  return { ok: true, rubric: name, criteria };
}
