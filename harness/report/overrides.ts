import { readFile } from 'node:fs/promises';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import { z } from 'zod';
import type { CriterionResult, Status, SubmissionResult } from '../grading/result.js';

// One lecturer's decision on one criterion.
export interface CriterionOverride {
  readonly points: number;
  readonly comment?: string;
}

// overrides.yaml: submission → criterion id → override.
export type Overrides = Readonly<Record<string, Readonly<Record<string, CriterionOverride>>>>;

// Either the overrides, or every problem of the file at once, each "file:line:col path: message".
export type OverridesOutcome =
  { readonly ok: true; readonly overrides: Overrides } | { readonly ok: false; readonly errors: readonly string[] };

const overrideSchema = z.strictObject({
  points: z.number().nonnegative(),
  comment: z.string().optional(),
});

const overridesSchema = z.record(z.string(), z.record(z.string(), overrideSchema));

interface Located {
  readonly offset: number;
  readonly message: string;
}

// A map key as the lecturer typed it: "0123" stays "0123", not the number 123.
function readKey(pair: Pair): string {
  const key = pair.key;
  if (isScalar(key)) return key.source ?? String(key.value);
  return String(key);
}

function findPair(node: unknown, key: string): Pair | undefined {
  return isMap(node) ? node.items.find((pair) => readKey(pair) === key) : undefined;
}

// The node at a path of keys as typed, its key, and the nearest ancestor that exists.
function locatePath(doc: Document, path: readonly string[], at: 'key' | 'value'): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const [index, key] of path.entries()) {
    const pair = findPair(node, key);
    if (pair === undefined) break;
    const keyNode = pair.key as Node | null;
    const valueNode = pair.value as Node | null;
    const last = index === path.length - 1;
    offset = (last && at === 'key' ? keyNode?.range?.[0] : (valueNode?.range?.[0] ?? keyNode?.range?.[0])) ?? offset;
    node = valueNode;
  }
  return offset;
}

// Rebuilds the document as plain data with keys as typed, for zod to check.
function readInput(doc: Document): unknown {
  const contents = doc.contents;
  if (!isMap(contents)) return contents === null ? {} : doc.toJS();
  const input: Record<string, unknown> = {};
  for (const pair of contents.items) {
    const value = pair.value;
    if (isMap(value)) {
      const criteria: Record<string, unknown> = {};
      for (const inner of value.items) criteria[readKey(inner)] = (inner.value as Node | null)?.toJS(doc) ?? null;
      input[readKey(pair)] = criteria;
    } else {
      input[readKey(pair)] = (value as Node | null)?.toJS(doc) ?? null;
    }
  }
  return input;
}

function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return JSON.stringify(value);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path)
    value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

const expectedShape: Readonly<Record<number, string>> = {
  0: 'a map of submission names to criteria',
  1: 'a map of criterion ids to { points, comment }',
  2: 'a map { points: N, comment: "..." }',
};

function describeSchemaIssue(
  issue: z.core.$ZodIssue,
  input: unknown,
): { path: string[]; at: 'key' | 'value'; text: string }[] {
  const path = issue.path.map(String);
  const found = describeFound(valueAt(input, issue.path));
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: [...path, key],
        at: 'key' as const,
        text: `unexpected key "${key}"; expected "points" and an optional "comment"`,
      }));
    case 'invalid_type': {
      const expected =
        issue.expected === 'object' || issue.expected === 'record'
          ? (expectedShape[path.length] ?? 'a map')
          : `a ${issue.expected}`;
      return [{ path, at: 'value', text: `expected ${expected}, found ${found}` }];
    }
    case 'too_small':
      return [{ path, at: 'value', text: `expected a number of points of at least 0, found ${found}` }];
    default:
      return [{ path, at: 'value', text: issue.message }];
  }
}

function listNames(names: readonly string[]): string {
  return names.length <= 12 ? names.join(', ') : `${names.slice(0, 12).join(', ')}, … ${names.length - 12} more`;
}

// The checks zod cannot make: every submission and criterion must exist in the graded results,
// and no override may give more than the criterion's maximum.
function checkAgainstResults(
  input: unknown,
  results: readonly SubmissionResult[],
): { path: string[]; at: 'key' | 'value'; text: string }[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return [];
  const problems: { path: string[]; at: 'key' | 'value'; text: string }[] = [];
  for (const [submission, criteria] of Object.entries(input)) {
    const result = results.find((candidate) => candidate.submission === submission);
    if (result === undefined) {
      problems.push({
        path: [submission],
        at: 'key',
        text: `expected a graded submission (${listNames(results.map((r) => r.submission))}), found "${submission}"`,
      });
      continue;
    }
    if (typeof criteria !== 'object' || criteria === null || Array.isArray(criteria)) continue;
    for (const [id, override] of Object.entries(criteria as Record<string, unknown>)) {
      const criterion = result.criteria.find((candidate) => candidate.id === id);
      if (criterion === undefined) {
        problems.push({
          path: [submission, id],
          at: 'key',
          text: `expected a criterion of ${submission} (${listNames(result.criteria.map((c) => c.id))}), found "${id}"`,
        });
        continue;
      }
      const points = valueAt(override, ['points']);
      if (typeof points === 'number' && points > criterion.maxPoints) {
        problems.push({
          path: [submission, id, 'points'],
          at: 'value',
          text: `expected at most ${criterion.maxPoints}, the maximum of ${id}, found ${points}`,
        });
      }
    }
  }
  return problems;
}

// Parses overrides.yaml against the graded results; reports every problem as file:line:col at once.
export function parseOverrides(text: string, fileName: string, results: readonly SubmissionResult[]): OverridesOutcome {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const cite = (offset: number): string => {
    const { line, col } = lineCounter.linePos(offset);
    return `${fileName}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((error) => `${cite(error.pos[0])} ${error.message.split('\n')[0] ?? error.code}`),
    };
  }
  const input = readInput(doc);
  const located: Located[] = [];
  const parsed = overridesSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      for (const problem of describeSchemaIssue(issue, input)) {
        const where = problem.path.length === 0 ? '' : `${problem.path.join('.')}: `;
        located.push({ offset: locatePath(doc, problem.path, problem.at), message: `${where}${problem.text}` });
      }
    }
  }
  for (const problem of checkAgainstResults(input, results)) {
    located.push({
      offset: locatePath(doc, problem.path, problem.at),
      message: `${problem.path.join('.')}: ${problem.text}`,
    });
  }
  if (located.length > 0 || !parsed.success) {
    return {
      ok: false,
      errors: located
        .sort((a, b) => a.offset - b.offset)
        .map((problem) => `${cite(problem.offset)} ${problem.message}`),
    };
  }
  return { ok: true, overrides: parsed.data };
}

// Reads overrides.yaml and checks it against the graded results (see parseOverrides).
export async function loadOverrides(file: string, results: readonly SubmissionResult[]): Promise<OverridesOutcome> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    return { ok: false, errors: [`${file}: cannot read the overrides: ${reason}`] };
  }
  return parseOverrides(text, file, results);
}

// A lecturer's full marks make a verdict a pass; fewer points turn a pass (or a manual
// criterion) into a fail; other verdicts (error, blocked, flaky) keep saying what the run saw.
function decideStatus(before: Status, points: number, maxPoints: number): Status {
  if (points >= maxPoints) return 'pass';
  return before === 'pass' || before === 'manual' ? 'fail' : before;
}

function restoreAutomated(criterion: CriterionResult): CriterionResult {
  const { overridden: _overridden, automated, ...rest } = criterion;
  return automated === undefined
    ? rest
    : { ...rest, points: automated.points, status: automated.status, message: automated.message };
}

function overrideCriterion(criterion: CriterionResult, override: CriterionOverride): CriterionResult {
  const points = override.points;
  const message =
    override.comment === undefined || override.comment.trim() === ''
      ? `Overridden by the lecturer to ${points}/${criterion.maxPoints} points.`
      : `Overridden by the lecturer: ${override.comment.trim()}`;
  return {
    ...criterion,
    points,
    status: decideStatus(criterion.status, points, criterion.maxPoints),
    message,
    overridden: true,
    automated: { points: criterion.points, status: criterion.status, message: criterion.message },
  };
}

// New results with overrides applied; earlier overrides are undone first, so re-applying is idempotent.
export function applyOverrides(results: readonly SubmissionResult[], overrides: Overrides): SubmissionResult[] {
  return results.map((result) => {
    const forSubmission = overrides[result.submission] ?? {};
    const criteria = result.criteria.map((criterion) => {
      const base = restoreAutomated(criterion);
      const override = forSubmission[criterion.id];
      return override === undefined ? base : overrideCriterion(base, override);
    });
    const delta = criteria.reduce(
      (sum, criterion, index) => sum + criterion.points - (result.criteria[index]?.points ?? 0),
      0,
    );
    const score = Math.min(result.maxScore, Math.max(0, Math.round((result.score + delta) * 1e6) / 1e6));
    return { ...result, score, criteria };
  });
}
