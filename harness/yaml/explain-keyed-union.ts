import type { z } from 'zod';
import { keyedOptions } from './describe-schema.js';
import { describeValue, isPlainMap, listWords, quote } from './describe-value.js';
import type { PathSegment } from './format-path.js';
import { suggestClosest } from './suggest-closest.js';
import type { Finding } from './yaml-issue.js';

// What the entries of a keyed union are called ("step") and every key known anywhere, in the order to list them.
export interface KeyedUnionWords {
  readonly noun: string;
  readonly knownKeys: readonly string[];
}

type Recurse = (schema: z.core.$ZodType, issues: readonly z.core.$ZodIssue[]) => Finding[];

// Explains a value that fits no option of a union of one-key maps (a step): wrong shape, unknown kind, or that kind's own issues.
export function explainKeyedUnion(
  union: z.ZodUnion,
  value: unknown,
  branches: readonly (readonly z.core.$ZodIssue[])[],
  path: readonly PathSegment[],
  recurse: Recurse,
  words: KeyedUnionWords = { noun: 'entry', knownKeys: [] },
): Finding[] | undefined {
  const options = keyedOptions(union);
  if (!options) return undefined;
  const allowed = ordered([...options.keys()], words.knownKeys);
  const shape = `a ${words.noun}: a map with exactly one key, one of ${listWords(allowed)}`;
  if (value === undefined) return [{ path, at: 'value', message: `missing; expected ${shape}` }];
  if (!isPlainMap(value))
    return [
      { path, at: 'value', message: `expected ${shape}, found ${describeValue(value)}${rewrite(value, allowed)}` },
    ];
  const keys = Object.keys(value);
  const [key] = keys;
  if (key === undefined) return [{ path, at: 'value', message: `expected ${shape}, found an empty map` }];
  if (keys.length > 1) {
    const found = `found ${keys.length} keys: ${keys.join(', ')}`;
    const hint = keys.every((k) => allowed.includes(k)) ? `; begin each ${words.noun} with its own "-"` : '';
    return [{ path, at: 'value', message: `expected ${shape}, ${found}${hint}` }];
  }
  const option = options.get(key);
  const issues = option && branches[option.index];
  if (option && issues) return recurse(option.schema, issues);
  const keyPath = [...path, key];
  if (words.knownKeys.includes(key)) {
    return [
      {
        path: keyPath,
        at: 'key',
        message: `a ${quote(key)} ${words.noun} is not allowed here; expected one of ${listWords(allowed)}`,
      },
    ];
  }
  const closest = suggestClosest(key, allowed);
  const message =
    closest === undefined
      ? `unknown ${words.noun} kind ${quote(key)}; expected one of ${listWords(allowed)}`
      : `unknown ${words.noun} kind ${quote(key)}, did you mean ${quote(closest)}?`;
  return [{ path: keyPath, at: 'key', message }];
}

function ordered(keys: readonly string[], preferred: readonly string[]): string[] {
  return [...preferred.filter((key) => keys.includes(key)), ...keys.filter((key) => !preferred.includes(key))];
}

// "start server" written for "start: server".
function rewrite(value: unknown, allowed: readonly string[]): string {
  if (typeof value !== 'string') return '';
  const match = /^([a-z]+)\s+(\S.*)$/.exec(value.trim());
  return match?.[1] && match[2] && allowed.includes(match[1]) ? `; did you mean "${match[1]}: ${match[2]}"?` : '';
}
