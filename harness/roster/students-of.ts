import type { StudentOf, SubmissionResult } from '../model/result.js';
import { joinRoster } from './join-roster.js';
import type { Roster } from '../model/roster.js';

// Who a submission grades, for its reports: the roster's students it matches (its own, or each
// member of its team), or else the student the download named; undefined when neither says.
export function findStudentsOf(
  result: SubmissionResult,
  roster: Roster | undefined,
  downloadName: string | undefined,
): StudentOf[] | undefined {
  const matched = roster
    ? joinRoster(roster, [result])
        .rows.filter((row) => row.result !== undefined)
        .map(({ student }) => ({ id: student.id, name: student.name, email: student.email }))
    : [];
  if (matched.length > 0) return matched;
  return downloadName ? [{ id: result.submission, name: downloadName, email: '' }] : undefined;
}

// "Ada Lovelace <ada@uni.edu> (12345), Alan Turing (12346)": who a submission grades, on one line.
export function formatStudents(students: readonly StudentOf[]): string {
  return students
    .map(({ id, name, email }) =>
      [name || id, email ? `<${email}>` : '', name && id ? `(${id})` : ''].filter(Boolean).join(' '),
    )
    .join(', ');
}
