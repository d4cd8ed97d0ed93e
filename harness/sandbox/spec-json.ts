import { compilePattern, patternSource } from '../rubric/compile-pattern.js';
import type { RunSpec } from './run-spec.js';

// A run's spec as the file the worker reads: JSON, with the rubric's compiled patterns in the
// rubric's own text (compile-pattern.ts, the codec an implementation's prompts cross in too), so
// the worker needs neither the YAML parser nor the schemas (a third of its start, and zod).
export function specToJson(spec: RunSpec): string {
  return JSON.stringify(spec, (_key, value: unknown) =>
    value instanceof RegExp ? { $regexp: patternSource(value) } : value,
  );
}

// The spec the harness checked with runSpecSchema before writing it (run-in-sandbox.ts), in a
// file only root may read or replace (test/sandbox/run-dir.test.ts).
export function specFromJson(text: string): RunSpec {
  return JSON.parse(text, (_key, value: unknown) =>
    typeof value === 'object' && value !== null && '$regexp' in value && typeof value.$regexp === 'string'
      ? compilePattern(value.$regexp)
      : value,
  ) as RunSpec;
}
