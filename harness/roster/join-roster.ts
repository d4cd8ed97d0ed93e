import type { SubmissionResult } from '../model/result.js';
import type { Roster, RosterStudent } from '../model/roster.js';

// A gradebook row: a student of the roster, and the submission that grades them (their own, their
// team's), or none.
export interface RosterRow {
  readonly student: RosterStudent;
  readonly result: SubmissionResult | undefined;
  readonly status: 'graded' | 'team' | 'missing';
}

// The roster joined to the results, and the submissions that match no one on it.
export interface RosterJoin {
  readonly rows: readonly RosterRow[];
  readonly unmatched: readonly SubmissionResult[];
}

// Moodle's grading worksheet names a participant "Participant 12345"; its download's folders, 12345.
const keysOf = (student: RosterStudent): string[] =>
  [student.id, student.email, student.username]
    .filter((key) => key !== '')
    .flatMap((key) => [key, key.replace(/^Participant\s+/i, '')]);

// Matches each student to a submission named by their id, e-mail or username; a student without
// one of their own takes their team's (a submission named by a teammate or by the team), so a
// team's grade reaches every member. Students keep the roster's order.
export function joinRoster(roster: Roster, results: readonly SubmissionResult[]): RosterJoin {
  const own = (student: RosterStudent): SubmissionResult | undefined =>
    results.find((r) => keysOf(student).includes(r.submission));
  const claimed = new Set<SubmissionResult>();
  const rows = roster.students.map((student): RosterRow => {
    const mine = own(student);
    if (mine) {
      claimed.add(mine);
      return { student, result: mine, status: 'graded' };
    }
    if (student.team !== '') {
      const mates = roster.students.filter((s) => s !== student && s.team === student.team);
      const teams = [...mates.map(own), results.find((r) => r.submission === student.team)].filter(
        (r): r is SubmissionResult => r !== undefined,
      );
      const team = teams[0];
      if (team) {
        claimed.add(team);
        return { student, result: team, status: 'team' };
      }
    }
    return { student, result: undefined, status: 'missing' };
  });
  return { rows, unmatched: results.filter((r) => !claimed.has(r)) };
}
