import type { z } from 'zod';
import { explainZodIssues, type ExplainOptions } from './explain-zod-issues.js';
import type { Finding } from './yaml-issue.js';

// The typed document, or every schema finding.
export type Validated<T> =
  { readonly ok: true; readonly data: T } | { readonly ok: false; readonly findings: readonly Finding[] };

// Checks parsed YAML against a zod schema, explaining each issue as "expected …, found …" at its path.
export function validateDocument<S extends z.ZodType>(
  schema: S,
  value: unknown,
  options: ExplainOptions = {},
): Validated<z.output<S>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, findings: explainZodIssues(schema, value, parsed.error.issues, options) };
}
