import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionResult } from '../../harness/grading/result.js';
import { buildClassFixtures, students, stranger } from '../fixtures/intake/build-class-fixtures.mjs';
import { repoRoot, runSockgrade } from '../helpers/cli.js';

// A class as the lecturer downloads it, built from the examples, graded on M1 and M2 (enough to
// tell the examples apart, cheap enough for a test), against the same examples graded directly.
const scratch = mkdtempSync(path.join(tmpdir(), 'sockgrade-moodle-class-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const rubric = path.join(repoRoot, 'rubrics', 'udp-chat.yaml');
const flags = ['--rubric', rubric, '--only', 'M1,M2', '--reruns', '0', '--seed', 'c1a55', '--format', 'json,csv'];
let built: { moodle: string; classroom: string; roster: string };

beforeAll(async () => {
  built = await buildClassFixtures(path.join(scratch, 'class'));
});

const statuses = (out: string, name: string): Record<string, string> => {
  const result = JSON.parse(readFileSync(path.join(out, name, 'result.json'), 'utf8')) as SubmissionResult;
  return Object.fromEntries(result.criteria.map((c) => [c.id, c.status]));
};

describe('a Moodle download of the examples', () => {
  it('earns, per student, the verdicts the example folders earn when graded directly', async () => {
    const handedIn = [...students.filter((s) => s.example !== undefined), stranger] as { id: string; example: string }[];
    const examples = [...new Set(handedIn.map((s) => s.example))];
    const direct = path.join(scratch, 'direct');
    const fromZip = path.join(scratch, 'from-zip');
    const [graded, reference] = await Promise.all([
      runSockgrade(['grade', '--from', built.moodle, '--out', fromZip, ...flags], { timeoutMs: 120_000 }),
      runSockgrade(['grade', ...examples.map((e) => path.join(repoRoot, 'submissions', 'examples', 'udp-chat', e)), '--out', direct, ...flags], { timeoutMs: 120_000 }),
    ]);
    expect(graded.code, graded.stderr).toBe(0);
    expect(reference.code, reference.stderr).toBe(0);
    for (const student of handedIn) expect({ id: student.id, ...statuses(fromZip, student.id) }).toEqual({ id: student.id, ...statuses(direct, student.example) });
    // The examples differ on these two criteria, so the comparison is not vacuous.
    expect(statuses(direct, 'm2-no-forwarding')).toEqual({ M1: 'pass', M2: 'fail' });
    expect(statuses(direct, 'm1-server-silent')).toEqual({ M1: 'fail', M2: 'pass' });
  });

  it('finds the GitHub Classroom clones under their usernames', async () => {
    const result = await runSockgrade(['intake', built.classroom, '--rubric', rubric], { timeoutMs: 30_000 });
    expect(result.stdout.split('\n').slice(1, -1).map((line) => line.split(/\s{2,}/)[0])).toEqual(['aniw', 'bayu-p', 'citral', 'dewi-a']);
    expect(result.code).toBe(0);
  });
});
