import { explainBadPattern } from './compile-pattern.js';
import { quote } from '../yaml/describe-value.js';
import type { PathSegment } from '../yaml/format-path.js';
import type { Finding } from '../yaml/yaml-issue.js';

// Reports each regex of a map (prompts, patterns) that JavaScript cannot compile.
export function checkRegexes(regexes: Readonly<Record<string, string>>, base: readonly PathSegment[]): Finding[] {
  return Object.entries(regexes).flatMap(([key, source]) => {
    const reason = explainBadPattern(source);
    if (reason === undefined) return [];
    return [
      {
        path: [...base, key],
        at: 'value',
        message: `expected a valid regular expression, found ${quote(source)} (${reason})`,
      },
    ];
  });
}
