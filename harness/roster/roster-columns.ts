import { rosterFields, type RosterField } from '../model/roster.js';

// Header names recognised for each field when --roster-columns does not name them (compared
// ignoring case and spaces): Moodle's, Canvas's, GitHub Classroom's and common ones.
const knownHeaders: Readonly<Record<RosterField, readonly string[]>> = {
  id: ['id', 'idnumber', 'studentid', 'studentnumber', 'sisuserid', 'nim', 'npm', 'matrikel', 'identifier'],
  name: ['name', 'fullname', 'student', 'studentname', 'nama'],
  email: ['email', 'emailaddress', 'e-mail', 'mail'],
  team: ['team', 'group', 'groups', 'kelompok', 'tim'],
  username: ['username', 'login', 'sisloginid', 'github', 'githubusername'],
};

const squash = (header: string): string => header.toLowerCase().replace(/[\s_]/g, '');

// The column of each field in a header row: named ones as given, the rest by their usual names.
export function findRosterColumns(
  header: readonly string[],
  named: Partial<Record<RosterField, string>>,
): { columns: Partial<Record<RosterField, number>>; problems: string[] } {
  const columns: Partial<Record<RosterField, number>> = {};
  const problems: string[] = [];
  for (const field of rosterFields) {
    const wanted = named[field];
    const index =
      wanted !== undefined
        ? header.findIndex((h) => h.trim() === wanted.trim())
        : header.findIndex((h) => knownHeaders[field].includes(squash(h)));
    if (index >= 0) columns[field] = index;
    else if (wanted !== undefined)
      problems.push(`no column "${wanted}" for ${field} (the columns are: ${header.join(', ')})`);
  }
  if (columns.id === undefined && named.id === undefined) {
    problems.push(`no id column (the columns are: ${header.join(', ')}); name it with --roster-columns id=<header>`);
  }
  return { columns, problems };
}

// Parses --roster-columns "id=Student ID,email=Email address": which header holds which field.
export function parseRosterColumns(text: string): Partial<Record<RosterField, string>> | string {
  const named: Partial<Record<RosterField, string>> = {};
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const at = pair.indexOf('=');
    const field = pair.slice(0, at).trim();
    const header = pair.slice(at + 1).trim();
    if (at <= 0 || header === '') return `"${pair}" is not field=header, e.g. id=Student ID`;
    if (!(rosterFields as readonly string[]).includes(field))
      return `unknown field "${field}"; the fields are ${rosterFields.join(', ')}`;
    named[field as RosterField] = header;
  }
  return named;
}
