import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionResult } from '../../harness/model/result.js';
import { repoRoot, runSockgrade } from '../helpers/cli.js';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'programs', 'quick-udp');
const three = path.join(fixture, 'three.yaml');
const scratch = mkdtempSync(path.join(tmpdir(), 'sockgrade-regrade-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const classDir = path.join(scratch, 'class');
const out = path.join(scratch, 'out');
const dirOf = (name: string): string => path.join(classDir, name);

// Every file of a folder, by its path inside it, with its text.
function snapshot(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return new Map(
    files.map((e) => [
      path.relative(dir, path.join(e.parentPath, e.name)),
      readFileSync(path.join(e.parentPath, e.name), 'utf8'),
    ]),
  );
}

const readResult = (name: string): SubmissionResult =>
  JSON.parse(readFileSync(path.join(out, name, 'result.json'), 'utf8')) as SubmissionResult;

let before = new Map<string, string>();

beforeAll(async () => {
  for (const [name, program] of [
    ['alpha', 'ready'],
    ['beta', 'crash'],
    ['gamma', 'ready'],
  ] as const) {
    cpSync(path.join(fixture, program), dirOf(name), { recursive: true });
  }
  const first = await runSockgrade(
    [
      'grade',
      dirOf('alpha'),
      dirOf('beta'),
      dirOf('gamma'),
      '--rubric',
      three,
      '--out',
      out,
      '--seed',
      'regrade1',
      '--reruns',
      '0',
    ],
    { timeoutMs: 90_000 },
  );
  expect(first.code, first.stderr).toBe(0);
  before = snapshot(out);
}, 120_000);

describe('regrading into an output folder', () => {
  it('--only regrades one criterion of one student: only its row and the totals change', async () => {
    // beta fixed its server; the lecturer regrades Q2 alone, into the class's folder, without --seed.
    cpSync(path.join(fixture, 'ready', 'server.py'), path.join(dirOf('beta'), 'server.py'));
    const regrade = await runSockgrade(
      ['grade', dirOf('beta'), '--rubric', three, '--out', out, '--only', 'Q2', '--reruns', '0'],
      { timeoutMs: 90_000 },
    );
    expect(regrade.code, regrade.stderr).toBe(0);
    expect(regrade.stderr).toMatch(/^sockgrade: 1 submission\(s\), rubric quick-udp-three, seed regrade1, /m);
    expect(regrade.stderr).toMatch(/^\[1\/1\] beta +2\/6 {2}Q1! Q2✓ Q3!$/m);
    const after = snapshot(out);

    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect(before.get('grades.csv')).toBe(
      'submission,Q1,Q2,Q3,total,max\r\nalpha,1,2,3,6,6\r\nbeta,0,0,0,0,6\r\ngamma,1,2,3,6,6\r\n',
    );
    expect(after.get('grades.csv')).toBe(
      'submission,Q1,Q2,Q3,total,max\r\nalpha,1,2,3,6,6\r\nbeta,0,2,0,2,6\r\ngamma,1,2,3,6,6\r\n',
    );
    // The others' files are untouched, byte for byte.
    for (const [file, text] of before) {
      if (
        file.startsWith('alpha/') ||
        file.startsWith('gamma/') ||
        file === 'gradescope/alpha.json' ||
        file === 'gradescope/gamma.json'
      ) {
        expect(after.get(file), file).toBe(text);
      }
    }
    // beta's result: Q2 replaced, Q1 and Q3 kept as they were, the regrade recorded.
    const old = JSON.parse(before.get('beta/result.json') ?? '') as SubmissionResult;
    const now = readResult('beta');
    expect(now.criteria[0]).toEqual(old.criteria[0]);
    expect(now.criteria[2]).toEqual(old.criteria[2]);
    expect(now.criteria[1]).toMatchObject({ id: 'Q2', status: 'pass', points: 2 });
    expect(now.regrades).toEqual([
      { criteria: ['Q2'], seed: 'regrade1', gradedAt: expect.stringMatching(/^\d{4}-/) as unknown as string },
    ]);
    const { criteria: _c, score: _s, regrades: _r, ...rest } = now;
    const { criteria: _oc, score: _os, ...oldRest } = old;
    expect(rest).toEqual(oldRest);
    expect(now.score).toBe(2);
    // The class summary: every submission still there, beta's Q2 and score changed.
    const summary = JSON.parse(after.get('summary.json') ?? '') as {
      seed: string;
      submissions: { submission: string; score: number; statuses: Record<string, string> }[];
    };
    expect(summary.seed).toBe('regrade1');
    expect(summary.submissions.map((s) => [s.submission, s.score, s.statuses])).toEqual([
      ['alpha', 6, { Q1: 'pass', Q2: 'pass', Q3: 'pass' }],
      ['beta', 2, { Q1: 'error', Q2: 'pass', Q3: 'error' }],
      ['gamma', 6, { Q1: 'pass', Q2: 'pass', Q3: 'pass' }],
    ]);
    expect(after.get('index.html')).toContain('>gamma<');
    expect(after.get('beta/index.html')).toMatch(/<dt>Regraded<\/dt><dd>Q2 on \d{4}-[^,]+, seed regrade1<\/dd>/);
  });

  it('--only with --resume keeps a criterion the saved result already holds, and says so', async () => {
    const saved = readFileSync(path.join(out, 'beta', 'result.json'), 'utf8');
    const result = await runSockgrade(
      ['grade', dirOf('beta'), '--rubric', three, '--out', out, '--only', 'Q2', '--resume', '--format', 'json'],
      { timeoutMs: 60_000 },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /^\[1\/1\] beta +2\/6 {2}Q1! Q2✓ Q3! {2}\(kept from before: it holds Q2 already; drop --resume to grade again\)$/m,
    );
    expect(readFileSync(path.join(out, 'beta', 'result.json'), 'utf8')).toBe(saved);
  });

  it('refuses another seed or another rubric in the folder, before grading, naming both', async () => {
    const seed = await runSockgrade(['grade', dirOf('alpha'), '--rubric', three, '--out', out, '--seed', 'other'], {
      timeoutMs: 60_000,
    });
    expect(seed.code).toBe(2);
    expect(seed.stderr).toBe(
      `${out}: holds results graded with seed regrade1, not other; leave out --seed to regrade with regrade1, grade into another --out, or add --force to grade here anyway`,
    );
    const rubric = await runSockgrade(
      ['grade', dirOf('alpha'), '--rubric', path.join(fixture, 'rubric.yaml'), '--out', out],
      { timeoutMs: 60_000 },
    );
    expect(rubric.code).toBe(2);
    expect(rubric.stderr).toBe(
      `${out}: holds the results of the rubric quick-udp-three, not quick-udp; grade into another --out, or add --force to grade here anyway (the class reports then leave quick-udp-three's results out)`,
    );
  });

  it('--force grades another rubric there anyway, and leaves the other results out of the class reports', async () => {
    const forced = path.join(scratch, 'forced');
    cpSync(out, forced, { recursive: true });
    const result = await runSockgrade(
      [
        'grade',
        dirOf('alpha'),
        '--rubric',
        path.join(fixture, 'rubric.yaml'),
        '--out',
        forced,
        '--force',
        '--format',
        'json,csv',
      ],
      { timeoutMs: 60_000 },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `note: ${forced} also holds 2 result(s) of another rubric (beta, gamma), left out of the class reports`,
    );
    expect(readFileSync(path.join(forced, 'grades.csv'), 'utf8')).toBe('submission,Q1,total,max\r\nalpha,1,1,1\r\n');
  });
});
