import type { SubmissionResult } from '../../model/result.js';
import { revealName } from '../../model/escape-text.js';
import { formatPoints } from '../format-values.js';
import { joinRoster } from '../../roster/join-roster.js';
import type { Roster } from '../../model/roster.js';

// One RFC 4180 field, control characters shown as escapes; text a spreadsheet would run as a formula gets a leading apostrophe (OWASP).
export function formatCsvField(value: string, isText = true): string {
  const shown = revealName(value);
  const defused = isText && /^[=+\-@\t\r]/.test(shown) ? `'${shown}` : shown;
  return /[",\r\n]/.test(defused) || defused !== defused.trim() ? `"${defused.replace(/"/g, '""')}"` : defused;
}

// The gradebook: a row per submission, a column of points per criterion id, then total and max.
// With a roster, a row per student instead, keyed by the roster's id (see renderRosterCsv).
export function renderCsv(results: readonly SubmissionResult[], roster?: Roster): string {
  const ids: string[] = [];
  for (const result of results)
    for (const criterion of result.criteria) if (!ids.includes(criterion.id)) ids.push(criterion.id);
  if (roster) return renderRosterCsv(roster, results, ids);
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

// A row per roster student, in the roster's order: id, name, email, team, the submission that
// grades them and how (graded: their own; team: their team's; missing: none, points left empty
// so an import changes nothing), then the points per criterion, total and max.
function renderRosterCsv(roster: Roster, results: readonly SubmissionResult[], ids: readonly string[]): string {
  const header = ['id', 'name', 'email', 'team', 'submission', 'status', ...ids, 'total', 'max'].map((name) =>
    formatCsvField(name),
  );
  const max = Math.max(0, ...results.map((r) => r.maxScore));
  const rows = joinRoster(roster, results).rows.map(({ student, result, status }) => [
    ...[student.id, student.name, student.email, student.team, result?.submission ?? '', status].map((value) =>
      formatCsvField(value),
    ),
    ...ids.map((id) => {
      const criterion = result?.criteria.find((candidate) => candidate.id === id);
      return criterion === undefined ? '' : formatPoints(criterion.points);
    }),
    result ? formatPoints(result.score) : '',
    formatPoints(result ? result.maxScore : max),
  ]);
  return [header, ...rows].map((row) => row.join(',')).join('\r\n') + '\r\n';
}
