import type { SubmissionResult } from '../grading/result.js';
import { revealName } from './escape-text.js';
import { formatPoints } from './format-values.js';

// One RFC 4180 field, control characters shown as escapes; text a spreadsheet would run as a formula gets a leading apostrophe (OWASP).
export function formatCsvField(value: string, isText = true): string {
  const shown = revealName(value);
  const defused = isText && /^[=+\-@\t\r]/.test(shown) ? `'${shown}` : shown;
  return /[",\r\n]/.test(defused) || defused !== defused.trim() ? `"${defused.replace(/"/g, '""')}"` : defused;
}

// The gradebook: a row per submission, a column of points per criterion id, then total and max.
export function renderCsv(results: readonly SubmissionResult[]): string {
  const ids: string[] = [];
  for (const result of results)
    for (const criterion of result.criteria) if (!ids.includes(criterion.id)) ids.push(criterion.id);
  const header = ['submission', ...ids, 'total', 'max'].map((name) => formatCsvField(name));
  const rows = results.map((result) => [
    formatCsvField(result.submission),
    ...ids.map((id) => {
      const criterion = result.criteria.find((candidate) => candidate.id === id);
      return criterion === undefined ? '' : formatPoints(criterion.points);
    }),
    formatPoints(result.score),
    formatPoints(result.maxScore),
  ]);
  return [header, ...rows].map((row) => row.join(',')).join('\r\n') + '\r\n';
}
