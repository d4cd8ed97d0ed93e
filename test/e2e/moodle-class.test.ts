import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionResult } from '../../harness/model/result.js';
import { buildClassFixtures, students, stranger } from '../fixtures/intake/build-class-fixtures.mjs';
import { repoRoot, runSockgrade } from '../helpers/cli.js';

// A class as the lecturer downloads it, built from the examples, graded on M1 and M2 (enough to
// tell the examples apart, cheap enough for a test), against the same examples graded directly.
const scratch = mkdtempSync(path.join(tmpdir(), 'sockgrade-moodle-class-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const rubric = path.join(repoRoot, 'rubrics', 'udp-chat.yaml');
const flags = ['--rubric', rubric, '--only', 'M1,M2', '--reruns', '0', '--seed', 'c1a55', '--format', 'json,csv,html'];
let built: { moodle: string; classroom: string; roster: string };

beforeAll(async () => {
  built = await buildClassFixtures(path.join(scratch, 'class'));
});

const statuses = (out: string, name: string): Record<string, string> => {
  const result = JSON.parse(readFileSync(path.join(out, name, 'result.json'), 'utf8')) as SubmissionResult;
  return Object.fromEntries(result.criteria.map((c) => [c.id, c.status]));
};

describe('a Moodle download of the examples', () => {
  it("earns, per student, the verdicts the example folders earn when graded directly, and a gradebook of the roster's ids", async () => {
    const handedIn = [...students.filter((s) => s.example !== undefined), stranger] as {
      id: string;
      example: string;
    }[];
    const examples = [...new Set(handedIn.map((s) => s.example))];
    const direct = path.join(scratch, 'direct');
    const fromZip = path.join(scratch, 'from-zip');
    const [graded, reference] = await Promise.all([
      runSockgrade(['grade', '--from', built.moodle, '--roster', built.roster, '--out', fromZip, ...flags], {
        timeoutMs: 120_000,
      }),
      runSockgrade(
        [
          'grade',
          ...examples.map((e) => path.join(repoRoot, 'submissions', 'examples', 'udp-chat', e)),
          '--out',
          direct,
          ...flags,
        ],
        { timeoutMs: 120_000 },
      ),
    ]);
    expect(graded.code, graded.stderr).toBe(0);
    expect(reference.code, reference.stderr).toBe(0);
    for (const student of handedIn)
      expect({ id: student.id, ...statuses(fromZip, student.id) }).toEqual({
        id: student.id,
        ...statuses(direct, student.example),
      });
    // The examples differ on these two criteria, so the comparison is not vacuous.
    expect(statuses(direct, 'm2-no-forwarding')).toEqual({ M1: 'pass', M2: 'fail' });
    expect(statuses(direct, 'm1-server-silent')).toEqual({ M1: 'fail', M2: 'pass' });

    // The gradebook: a row per roster id, the team's grade copied, the missing marked; the
    // stranger's submission is listed, not in it.
    const gradebook = readFileSync(path.join(fromZip, 'grades.csv'), 'utf8')
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    expect(gradebook[0]).toEqual(['id', 'name', 'email', 'team', 'submission', 'status', 'M1', 'M2', 'total', 'max']);
    expect(gradebook.slice(1).map((row) => [row[0], row[4], row[5]])).toEqual([
      ['20001', '20001', 'graded'],
      ['20002', '20002', 'graded'],
      ['20003', '20003', 'graded'],
      ['20004', '20004', 'graded'],
      ['20005', '20004', 'team'],
      ['20006', '', 'missing'],
    ]);
    expect(gradebook[5]?.slice(6)).toEqual(gradebook[4]?.slice(6));
    expect(graded.stderr).toContain('missing: 1 student(s) of the roster handed in nothing: 20006 (Fajar Nugroho)');
    expect(graded.stderr).toContain(
      'unmatched: 1 submission(s) match no one on the roster, so they are not in grades.csv: 20999',
    );
    expect(JSON.parse(readFileSync(path.join(fromZip, 'summary.json'), 'utf8'))).toMatchObject({
      missing: ['20006'],
      unmatched: ['20999'],
    });

    // Every report names whom a submission grades: the team's members from the roster, and the
    // stranger by the name the download gave.
    const team = JSON.parse(readFileSync(path.join(fromZip, '20004', 'result.json'), 'utf8')) as { students: unknown };
    expect(team.students).toEqual([
      { id: '20004', name: 'Dewi Anggraini', email: 'dewi.anggraini@students.example.ac.id' },
      { id: '20005', name: 'Eko Saputra', email: 'eko.saputra@students.example.ac.id' },
    ]);
    const outsider = JSON.parse(readFileSync(path.join(fromZip, '20999', 'result.json'), 'utf8')) as {
      students: unknown;
    };
    expect(outsider.students).toEqual([{ id: '20999', name: 'Gita Sari', email: '' }]);
    expect(readFileSync(path.join(fromZip, '20004', 'index.html'), 'utf8')).toContain(
      '<p class="students">Dewi Anggraini &lt;dewi.anggraini@students.example.ac.id&gt; (20004), Eko Saputra &lt;eko.saputra@students.example.ac.id&gt; (20005)</p>',
    );

    // Bayu's and the stranger's are one example: flagged for a person, their grades untouched.
    const summary = JSON.parse(readFileSync(path.join(fromZip, 'summary.json'), 'utf8')) as {
      similar: { a: string; b: string; score: number }[];
    };
    expect(summary.similar.map((p) => [p.a, p.b])).toContainEqual(['20002', '20999']);
    expect(summary.similar.find((p) => p.a === '20001' || p.b === '20001')).toBeUndefined();
    expect(graded.stderr).toMatch(
      /^similar: \d+ pair\(s\) of submissions share much code; see index\.html or summary\.json \(no grade changes\)$/m,
    );

    // `sockgrade report` renders the same gradebook again from the saved results.
    const before = readFileSync(path.join(fromZip, 'grades.csv'), 'utf8');
    const html = readFileSync(path.join(fromZip, 'index.html'), 'utf8');
    const again = await runSockgrade(['report', fromZip, '--format', 'csv,html'], { timeoutMs: 30_000 });
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(path.join(fromZip, 'grades.csv'), 'utf8')).toBe(before);
    expect(html).toContain(
      '<a href="20002/index.html">20002</a> and <a href="20999/index.html">20999</a>: 100% of the code alike',
    );
    expect(readFileSync(path.join(fromZip, 'index.html'), 'utf8')).toContain('<h2>Similar pairs</h2>');
  });

  it('finds the GitHub Classroom clones under their usernames', async () => {
    const result = await runSockgrade(['intake', built.classroom, '--rubric', rubric], { timeoutMs: 30_000 });
    expect(
      result.stdout
        .split('\n')
        .slice(1, -1)
        .map((line) => line.split(/\s{2,}/)[0]),
    ).toEqual(['aniw', 'bayu-p', 'citral', 'dewi-a']);
    expect(result.code).toBe(0);
  });
});
