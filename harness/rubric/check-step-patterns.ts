import { explainBadPattern } from './compile-pattern.js';
import type { RubricParts } from './collect-rubric-parts.js';
import { listWords, quote } from '../yaml/describe-value.js';
import type { Finding } from '../yaml/yaml-issue.js';
import { walkSteps } from './walk-steps.js';

// Reports a step's pattern that is neither the name of a pattern nor a regex that compiles.
export function checkStepPatterns(parts: RubricParts, patternNames: readonly string[]): Finding[] {
  return parts.criteria.flatMap(({ index, criterion }) =>
    walkSteps(criterion.steps ?? [], ['criteria', index, 'steps']).flatMap(({ step, path }): Finding[] => {
      const [kind, match] = 'expect' in step ? ['expect', step.expect] : 'refute' in step ? ['refute', step.refute] : [];
      const source = match?.pattern;
      if (kind === undefined || source === undefined || patternNames.includes(source)) return [];
      const reason = explainBadPattern(source);
      if (reason === undefined) return [];
      const expected = `the name of a pattern (${listWords(patternNames)}) or a valid regular expression`;
      return [{ path: [...path, kind, 'pattern'], at: 'value', message: `expected ${expected}, found ${quote(source)} (${reason})` }];
    }),
  );
}
