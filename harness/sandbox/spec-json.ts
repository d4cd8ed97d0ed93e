import type { RunSpec } from './run-spec.js';

// A run's spec as the file the worker reads: JSON, with the rubric's compiled patterns kept as
// patterns, so the worker needs neither the YAML parser nor the schema (a third of its start).
export function specToJson(spec: RunSpec): string {
  return JSON.stringify(spec, (_key, value: unknown) =>
    value instanceof RegExp ? { $regexp: value.source, flags: value.flags } : value,
  );
}

export function specFromJson(text: string): RunSpec {
  return JSON.parse(text, (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && '$regexp' in value && 'flags' in value) {
      const { $regexp, flags } = value as { $regexp: string; flags: string };
      return new RegExp($regexp, flags);
    }
    return value;
  }) as RunSpec;
}
