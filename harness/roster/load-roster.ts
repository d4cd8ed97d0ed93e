import { readFileSync } from 'node:fs';
import { revealName } from '../model/escape-text.js';
import { parseCsv } from './parse-csv.js';
import { findRosterColumns } from './roster-columns.js';
import type { Roster, RosterField, RosterStudent } from '../model/roster.js';

// A roster, or every problem found in it, each naming the file (and the line for a row).
export type RosterOutcome =
  { readonly ok: true; readonly roster: Roster } | { readonly ok: false; readonly problems: readonly string[] };

// A roster is a few thousand lines at most: anything larger is not one.
const maxRosterBytes = 5 * 1024 * 1024;

// Reads a roster CSV (any subset of id, name, email, team, username columns; headers as the LMS
// exported them, or named with --roster-columns).
export function loadRoster(file: string, named: Partial<Record<RosterField, string>> = {}): RosterOutcome {
  const shown = revealName(file);
  let text: string;
  try {
    const bytes = readFileSync(file);
    if (bytes.length > maxRosterBytes)
      return { ok: false, problems: [`${shown}: larger than 5 MB, which no roster is`] };
    text = bytes.toString('utf8');
  } catch (error) {
    return {
      ok: false,
      problems: [
        `${shown}: cannot be read (${error instanceof Error && 'code' in error ? String(error.code) : 'unknown error'})`,
      ],
    };
  }
  const [header, ...rows] = parseCsv(text);
  if (!header)
    return { ok: false, problems: [`${shown}: empty; a roster has a header line, then one line per student`] };
  const { columns, problems } = findRosterColumns(header, named);
  if (problems.length > 0) return { ok: false, problems: problems.map((p) => `${shown}: ${p}`) };
  const cell = (row: readonly string[], field: RosterField): string => {
    const index = columns[field];
    return index === undefined ? '' : (row[index] ?? '').trim();
  };
  const students: RosterStudent[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const line = index + 2;
    const id = cell(row, 'id');
    if (id === '') {
      problems.push(`${shown}:${line}: no id`);
      return;
    }
    const first = seen.get(id);
    if (first !== undefined) problems.push(`${shown}:${line}: id ${revealName(id)} is already on line ${first}`);
    seen.set(id, line);
    students.push({
      id,
      name: cell(row, 'name'),
      email: cell(row, 'email'),
      team: cell(row, 'team'),
      username: cell(row, 'username'),
    });
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, roster: { source: file, students } };
}
