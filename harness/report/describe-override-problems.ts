import type { z } from 'zod';
import type { SubmissionResult } from '../model/result.js';

// One problem of overrides.yaml: where it is (a path of keys, at the key or its value) and what.
export interface OverrideProblem {
  readonly path: string[];
  readonly at: 'key' | 'value';
  readonly text: string;
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

// A zod issue of overrides.yaml as "expected …, found …", with where it points.
export function describeSchemaIssue(issue: z.core.$ZodIssue, input: unknown): OverrideProblem[] {
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

// The checks zod cannot make: known submissions and criteria, and points within each maximum.
export function checkAgainstResults(input: unknown, results: readonly SubmissionResult[]): OverrideProblem[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return [];
  const problems: OverrideProblem[] = [];
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
