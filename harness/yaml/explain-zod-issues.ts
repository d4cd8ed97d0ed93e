import { z } from 'zod';
import { describeSchema, hasSchemaType, keysOf, narrowUnion, schemaAt, unwrapSchema } from './describe-schema.js';
import { describeValue, listWords, quote } from './describe-value.js';
import { suggestClosest } from './suggest-closest.js';
import { explainKeyedUnion, type KeyedUnionWords } from './explain-keyed-union.js';
import type { PathSegment } from './format-path.js';
import type { Finding } from './yaml-issue.js';

// How the explanation names the entries of keyed unions (the steps of a scenario).
export interface ExplainOptions {
  readonly keyed?: KeyedUnionWords;
}

type Issue = z.core.$ZodIssue;

// Turns zod's issues into findings that say what was expected and what was found, each at its document path.
export function explainZodIssues(
  schema: z.core.$ZodType,
  value: unknown,
  issues: readonly Issue[],
  options: ExplainOptions = {},
  base: readonly PathSegment[] = [],
): Finding[] {
  return issues.flatMap((issue) => explainIssue(schema, value, issue, options, base));
}

function explainIssue(
  schema: z.core.$ZodType,
  root: unknown,
  issue: Issue,
  options: ExplainOptions,
  base: readonly PathSegment[],
): Finding[] {
  const relative = issue.path.map(toSegment);
  const path = [...base, ...relative];
  const value = valueAt(root, relative);
  const target = schemaAt(schema, issue.path, root);
  const union = target && unwrapSchema(target);
  const narrowed = target && narrowUnion(target, value);
  const expected = target && describeSchema(target);
  switch (issue.code) {
    case 'invalid_union':
      return union instanceof z.ZodUnion
        ? explainUnion(union, value, issue.errors, options, path)
        : [plain(path, issue.message)];
    case 'unrecognized_keys':
      return issue.keys.map((key) => unknownKey(path, key, keysOf(narrowed)));
    case 'invalid_type':
      return [mismatch(path, expected ?? issue.expected, value)];
    case 'invalid_value':
      return [mismatch(path, expected ?? issue.message, value, closestOf(value, issue.values.map(String)))];
    case 'invalid_format':
      return [mismatch(path, customMessage(issue) ?? expected ?? issue.message, value)];
    case 'too_big':
      return [mismatch(path, customMessage(issue) ?? expected ?? issue.message, value)];
    case 'too_small':
    case 'not_multiple_of':
      return [mismatch(path, expected ?? issue.message, value)];
    case 'custom':
      return [issue.params?.['expected'] === true ? mismatch(path, issue.message, value) : plain(path, issue.message)];
    default:
      return [plain(path, issue.message)];
  }
}

function explainUnion(
  union: z.ZodUnion,
  value: unknown,
  branches: readonly (readonly Issue[])[],
  options: ExplainOptions,
  path: readonly PathSegment[],
): Finding[] {
  const recurse = (schema: z.core.$ZodType, issues: readonly Issue[]) =>
    explainZodIssues(schema, value, issues, options, path);
  const keyed = explainKeyedUnion(union, value, branches, path, recurse, options.keyed);
  if (keyed) return keyed;
  let best: number | undefined;
  union.options.forEach((option, index) => {
    const issues = branches[index];
    if (!issues || !hasSchemaType(option, value)) return;
    if (best === undefined || issues.length < (branches[best]?.length ?? Infinity)) best = index;
  });
  const option = best === undefined ? undefined : union.options[best];
  const issues = best === undefined ? undefined : branches[best];
  const nested = issues?.some(
    (issue) => issue.path.length > 0 || issue.code === 'unrecognized_keys' || issue.code === 'invalid_union',
  );
  if (option && issues && nested) return recurse(option, issues);
  const custom = issues?.map(customMessage).find((message) => message !== undefined);
  return [mismatch(path, custom ?? describeSchema(union), value)];
}

// The message a schema gave its own rule (a regex's "an actor name …", a duration's limit), rather than zod's generic one.
function customMessage(issue: Issue): string | undefined {
  if (issue.code === 'custom') return issue.params?.['expected'] === true ? issue.message : undefined;
  const ownRule = issue.code === 'invalid_format' || issue.code === 'too_big';
  return ownRule && !/^(Invalid|Too big)/.test(issue.message) ? issue.message : undefined;
}

// A message "expected X, found Y", or "missing; expected X" when the key is absent.
function mismatch(path: readonly PathSegment[], expected: string, value: unknown, suggestion?: string): Finding {
  const hint = suggestion === undefined ? '' : `; did you mean ${quote(suggestion)}?`;
  const message =
    value === undefined
      ? `missing; expected ${expected}`
      : `expected ${expected}, found ${describeValue(value)}${hint}`;
  return { path, at: 'value', message };
}

function unknownKey(path: readonly PathSegment[], key: string, allowed: readonly string[]): Finding {
  const closest = closestOf(key, allowed);
  const message =
    closest !== undefined
      ? `unknown key, did you mean ${quote(closest)}?`
      : allowed.length > 0
        ? `unknown key; expected one of ${listWords(allowed)}`
        : 'unknown key';
  return { path: [...path, key], at: 'key', message };
}

function plain(path: readonly PathSegment[], message: string): Finding {
  return { path, at: 'value', message };
}

function closestOf(value: unknown, candidates: readonly string[]): string | undefined {
  return typeof value === 'string' ? suggestClosest(value, candidates) : undefined;
}

function toSegment(key: PropertyKey): PathSegment {
  return typeof key === 'number' ? key : String(key);
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PathSegment, unknown>)[segment];
  }
  return current;
}
