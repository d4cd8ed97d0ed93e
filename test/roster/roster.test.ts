import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SubmissionResult } from '../../harness/model/result.js';
import { renderCsv } from '../../harness/report/formats/render-csv.js';
import { formatRosterNotes } from '../../harness/roster/format-roster-notes.js';
import { joinRoster } from '../../harness/roster/join-roster.js';
import { loadRoster } from '../../harness/roster/load-roster.js';
import { parseCsv } from '../../harness/roster/parse-csv.js';
import { parseRosterColumns } from '../../harness/roster/roster-columns.js';
import type { Roster } from '../../harness/model/roster.js';
import { summarizeResults } from '../../harness/report/summarize-results.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'sockgrade-roster-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let made = 0;
const rosterFile = (text: string): string => {
  const file = path.join(scratch, `roster-${made++}.csv`);
  writeFileSync(file, text);
  return file;
};

const result = (submission: string, points: number): SubmissionResult => ({
  submission,
  path: `/class/${submission}`,
  rubric: 'quick-udp',
  score: points,
  maxScore: 10,
  seed: 's',
  durationMs: 1,
  gradedAt: '2026-12-01T00:00:00.000Z',
  harness: { version: '0.1.0', isolation: 'netns' },
  criteria: [
    {
      id: 'Q1',
      title: 'Q',
      mandatory: true,
      visibility: 'visible',
      points,
      maxPoints: 10,
      status: points === 10 ? 'pass' : 'fail',
      message: '',
      durationMs: 1,
      evidence: {},
    },
  ],
});

const student = (id: string, more: Partial<Roster['students'][number]> = {}) => ({
  id,
  name: '',
  email: '',
  team: '',
  username: '',
  ...more,
});

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF, a byte-order mark and a semicolon separator', () => {
    expect(parseCsv('\ufeffid;name\r\n1;"Lee, Ann ""A"""\r\n\r\n2;Budi\n')).toEqual([
      ['id', 'name'],
      ['1', 'Lee, Ann "A"'],
      ['2', 'Budi'],
    ]);
  });
});

describe('loadRoster', () => {
  it("recognises Moodle's, Canvas's and GitHub Classroom's headers", () => {
    const loaded = loadRoster(
      rosterFile('ID number,Full name,Email address,Group,GitHub\n20001,Ani Wijaya,ani@x.id,Tim Merah,aniw\n'),
    );
    expect(loaded).toEqual({
      ok: true,
      roster: {
        source: expect.any(String),
        students: [{ id: '20001', name: 'Ani Wijaya', email: 'ani@x.id', team: 'Tim Merah', username: 'aniw' }],
      },
    });
  });

  it('takes the headers --roster-columns names', () => {
    const named = parseRosterColumns('id=NIM Mahasiswa,email=Surel');
    expect(named).toEqual({ id: 'NIM Mahasiswa', email: 'Surel' });
    const loaded = loadRoster(rosterFile('NIM Mahasiswa,Surel\n123,a@b.id\n'), typeof named === 'string' ? {} : named);
    expect(loaded.ok && loaded.roster.students).toEqual([student('123', { email: 'a@b.id' })]);
  });

  it('says what is wrong, with the file and the line', () => {
    const noId = rosterFile('Nama,Surel\nAni,a@b.id\n');
    expect(loadRoster(noId)).toEqual({
      ok: false,
      problems: [`${noId}: no id column (the columns are: Nama, Surel); name it with --roster-columns id=<header>`],
    });
    const named = rosterFile('id,name\n1,Ani\n');
    expect(loadRoster(named, { email: 'Email' })).toEqual({
      ok: false,
      problems: [`${named}: no column "Email" for email (the columns are: id, name)`],
    });
    const rows = rosterFile('id,name\n1,Ani\n,Budi\n1,Citra\n');
    expect(loadRoster(rows)).toEqual({
      ok: false,
      problems: [`${rows}:3: no id`, `${rows}:4: id 1 is already on line 2`],
    });
    expect(loadRoster(path.join(scratch, 'none.csv'))).toEqual({
      ok: false,
      problems: [`${path.join(scratch, 'none.csv')}: cannot be read (ENOENT)`],
    });
    expect(loadRoster(rosterFile(''))).toEqual({
      ok: false,
      problems: [expect.stringMatching(/: empty; a roster has a header line, then one line per student$/)],
    });
  });

  it('parseRosterColumns refuses what is not field=header', () => {
    expect(parseRosterColumns('id')).toBe('"id" is not field=header, e.g. id=Student ID');
    expect(parseRosterColumns('nim=NIM')).toBe('unknown field "nim"; the fields are id, name, email, team, username');
  });
});

describe('joinRoster and the roster gradebook', () => {
  const roster: Roster = {
    source: 'roster.csv',
    students: [
      student('1', { name: 'Ani', email: 'ani@x.id' }),
      student('2', { name: 'Budi', team: 'Merah' }),
      student('3', { name: 'Citra', team: 'Merah' }),
      student('4', { name: 'Dewi', username: 'dewi-gh' }),
      student('5', { name: '=Eko', team: 'Biru' }),
      student('6', { name: 'Fajar', team: 'Biru' }),
    ],
  };
  const results = [result('ani@x.id', 10), result('2', 4), result('dewi-gh', 7), result('Biru', 9), result('99', 3)];

  it("matches by id, e-mail or username; copies a team's grade to every member; marks the missing; lists the unmatched", () => {
    const joined = joinRoster(roster, results);
    expect(joined.rows.map((row) => [row.student.id, row.status, row.result?.submission])).toEqual([
      ['1', 'graded', 'ani@x.id'],
      ['2', 'graded', '2'],
      ['3', 'team', '2'],
      ['4', 'graded', 'dewi-gh'],
      ['5', 'team', 'Biru'],
      ['6', 'team', 'Biru'],
    ]);
    expect(joined.unmatched.map((r) => r.submission)).toEqual(['99']);
  });

  it('matches Moodle\'s download to its grading worksheet\'s "Participant 12345" identifiers', () => {
    const worksheet: Roster = { source: 'w.csv', students: [student('ani@x.id', { username: 'Participant 12345' })] };
    expect(joinRoster(worksheet, [result('12345', 10)]).rows.map((row) => row.status)).toEqual(['graded']);
  });

  it('writes grades.csv with a row per roster id, points left empty for a missing student', () => {
    const csv = renderCsv([result('1', 10)], {
      source: 'r.csv',
      students: [student('1', { name: 'Ani' }), student('2', { name: '=cmd()', email: 'b@x.id' })],
    });
    expect(csv).toBe(
      "id,name,email,team,submission,status,Q1,total,max\r\n1,Ani,,,1,graded,10,10,10\r\n2,'=cmd(),b@x.id,,,missing,,,10\r\n",
    );
  });

  it('keeps the roster in summary.json with the missing and the unmatched, and says so to the lecturer', () => {
    const summary = summarizeResults([result('1', 10), result('77', 1)], {
      rubric: 'q',
      seed: 's',
      isolation: 'netns',
      durationMs: 1,
      submissions: [],
      roster: { source: 'r.csv', students: [student('1'), student('2', { name: 'Budi' })] },
    });
    expect(summary).toMatchObject({ missing: ['2'], unmatched: ['77'] });
    expect(formatRosterNotes(summary)).toEqual([
      'missing: 1 student(s) of the roster handed in nothing: 2 (Budi)',
      'unmatched: 1 submission(s) match no one on the roster, so they are not in grades.csv: 77',
    ]);
  });
});
