import type { SubmissionResult } from '../../model/result.js';
import { isPlainMap, quote } from '../../yaml/describe-value.js';
import type { Finding } from '../../yaml/yaml-issue.js';

function listNames(names: readonly string[]): string {
  return names.length <= 12 ? names.join(', ') : `${names.slice(0, 12).join(', ')}, … ${names.length - 12} more`;
}

// The checks zod cannot make: known submissions and criteria, and points within each maximum.
export function checkAgainstResults(input: unknown, results: readonly SubmissionResult[]): Finding[] {
  if (!isPlainMap(input)) return [];
  const problems: Finding[] = [];
  for (const [submission, criteria] of Object.entries(input)) {
    const result = results.find((candidate) => candidate.submission === submission);
    if (result === undefined) {
      problems.push({
        path: [submission],
        at: 'key',
        message: `expected a graded submission (${listNames(results.map((r) => r.submission))}), found ${quote(submission)}`,
      });
      continue;
    }
    if (!isPlainMap(criteria)) continue;
    for (const [id, override] of Object.entries(criteria)) {
      const criterion = result.criteria.find((candidate) => candidate.id === id);
      if (criterion === undefined) {
        problems.push({
          path: [submission, id],
          at: 'key',
          message: `expected a criterion of ${submission} (${listNames(result.criteria.map((c) => c.id))}), found ${quote(id)}`,
        });
        continue;
      }
      const points = isPlainMap(override) ? override['points'] : undefined;
      if (typeof points === 'number' && points > criterion.maxPoints) {
        problems.push({
          path: [submission, id, 'points'],
          at: 'value',
          message: `expected at most ${criterion.maxPoints}, the maximum of ${id}, found ${points}`,
        });
      }
    }
  }
  return problems;
}
