import type { BatchSummary } from '../model/result.js';
import { revealName } from '../model/escape-text.js';

// What the lecturer must look at after grading with a roster: who handed nothing in, and which
// submissions match no one (a late enrolment, a typo in a folder name).
export function formatRosterNotes(summary: BatchSummary): string[] {
  if (!summary.roster) return [];
  const lines: string[] = [];
  const byId = new Map(summary.roster.students.map((s) => [s.id, s]));
  const missing = summary.missing ?? [];
  if (missing.length > 0) {
    const names = missing.map(
      (id) => `${revealName(id)}${byId.get(id)?.name ? ` (${revealName(byId.get(id)?.name ?? '')})` : ''}`,
    );
    lines.push(`missing: ${missing.length} student(s) of the roster handed in nothing: ${names.join(', ')}`);
  }
  const unmatched = summary.unmatched ?? [];
  if (unmatched.length > 0) {
    lines.push(
      `unmatched: ${unmatched.length} submission(s) match no one on the roster, so they are not in grades.csv: ${unmatched.map(revealName).join(', ')}`,
    );
  }
  return lines;
}
