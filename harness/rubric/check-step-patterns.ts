import { explainBadPattern } from './compile-pattern.js';
import type { RubricParts } from './collect-rubric-parts.js';
import { listWords, quote } from '../yaml/describe-value.js';
import type { Finding } from '../yaml/yaml-issue.js';
import { walkSteps } from './walk-steps.js';

// Reports a step's pattern that is neither the name of a pattern nor a regex that compiles.
export function checkStepPatterns(parts: RubricParts, patternNames: readonly string[]): Finding[] {
  return parts.criteria.flatMap(({ index, criterion }) =>
    walkSteps(criterion.steps ?? [], ['criteria', index, 'steps']).flatMap(({ step, path }): Finding[] => {
      if ('http' in step) return checkHttpPatterns(step.http, [...path, 'http']);
      const [kind, match] =
        'expect' in step ? ['expect', step.expect] : 'refute' in step ? ['refute', step.refute] : [];
      const source = match?.pattern;
      if (kind === undefined || source === undefined || patternNames.includes(source)) return [];
      const reason = explainBadPattern(source);
      if (reason === undefined) return [];
      const expected = `the name of a pattern (${listWords(patternNames)}) or a valid regular expression`;
      return [
        {
          path: [...path, kind, 'pattern'],
          at: 'value',
          message: `expected ${expected}, found ${quote(source)} (${reason})`,
        },
      ];
    }),
  );
}

// An http step's header and body patterns must compile ({length} stands for a number).
function checkHttpPatterns(
  http: { headers?: Record<string, string> | undefined; body?: { pattern: string } | { file: string } | undefined },
  base: Finding['path'],
): Finding[] {
  const sources = Object.entries(http.headers ?? {}).map(([name, source]) => ({
    path: [...base, 'headers', name],
    source,
  }));
  if (http.body && 'pattern' in http.body)
    sources.push({ path: [...base, 'body', 'pattern'], source: http.body.pattern });
  return sources.flatMap(({ path, source }) => {
    const reason = explainBadPattern(source.replaceAll('{length}', '0'));
    return reason === undefined
      ? []
      : [
          {
            path,
            at: 'value' as const,
            message: `expected a valid regular expression, found ${quote(source)} (${reason})`,
          },
        ];
  });
}
