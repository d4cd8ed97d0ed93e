import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { reportAction } from '../../harness/report/report-action.js';
import { parseReportFormats, reportFormatNames } from '../../harness/report/report-format.js';
import { ReportInputError } from '../../harness/report/report-input-error.js';
import { reportFormats, writeReports } from '../../harness/report/write-reports.js';
import { fixtureDir, loadFixtures, pickResult } from './fixture-results.js';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

async function copyFixtures(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sockgrade-report-'));
  await cp(fixtureDir, dir, { recursive: true });
  return dir;
}

describe('reportFormats', () => {
  test('has a writer for every --format name, so the CLI can list them', () => {
    expect(Object.keys(reportFormats)).toEqual([...reportFormatNames]);
  });

  test('parseReportFormats accepts a list and names the valid formats on an unknown one', () => {
    expect(parseReportFormats('csv, html')).toEqual({ ok: true, formats: ['html', 'csv'] });
    expect(parseReportFormats('html,xml,pdf')).toEqual({
      ok: false,
      error: 'unknown report format "xml", "pdf"; valid formats: json, html, md, csv, junit, gradescope, tap',
    });
  });
});

describe('writeReports', () => {
  test('always writes result.json and summary.json, then the chosen formats', async () => {
    const { results, summary } = await loadFixtures();
    const out = await mkdtemp(join(tmpdir(), 'sockgrade-out-'));
    const written = await writeReports(out, results, summary, ['csv']);
    expect(await listFiles(out)).toEqual([...written].sort());
    expect(written).toEqual([
      'alice-full/result.json',
      'bob-partial/result.json',
      'dave-late/result.json',
      'mallory-hostile/result.json',
      'summary.json',
      'grades.csv',
    ]);
  });

  test('writes every format to its documented place', async () => {
    const { results, summary } = await loadFixtures();
    const out = await mkdtemp(join(tmpdir(), 'sockgrade-out-'));
    await writeReports(out, results, summary, reportFormatNames);
    const files = await listFiles(out);
    for (const expected of [
      'index.html',
      'bob-partial/index.html',
      'summary.md',
      'bob-partial/summary.md',
      'grades.csv',
      'junit.xml',
      'gradescope/bob-partial.json',
      'results.tap',
      'summary.json',
    ]) {
      expect(files).toContain(expected);
    }
    expect(files).not.toContain('gradescope/results.json');
    const saved = JSON.parse(await readFile(join(out, 'mallory-hostile', 'result.json'), 'utf8')) as unknown;
    expect(saved).toEqual(pickResult(results, 'mallory-hostile'));
  });

  test('a single submission also gets gradescope/results.json, where the autograder expects it', async () => {
    const { results, summary } = await loadFixtures();
    const out = await mkdtemp(join(tmpdir(), 'sockgrade-out-'));
    await writeReports(out, [pickResult(results, 'dave-late')], summary, ['gradescope']);
    expect(await listFiles(out)).toContain('gradescope/results.json');
  });

  test('refuses submission names that are not one plain folder name', async () => {
    const { results, summary } = await loadFixtures();
    const alice = pickResult(results, 'alice-full');
    const out = await mkdtemp(join(tmpdir(), 'sockgrade-out-'));
    const attempt = writeReports(out, [{ ...alice, submission: '../escape' }, alice, alice], summary, []);
    await expect(attempt).rejects.toThrow(ReportInputError);
    await expect(attempt).rejects.toMatchObject({
      problems: [
        'submission name "../escape" cannot be a folder of the report; rename the submission folder',
        'two results are both named "alice-full"; each submission needs its own folder name',
      ],
    });
  });
});

describe('reportAction', () => {
  test('re-renders saved results with overrides: exit 0, totals changed everywhere', async () => {
    const dir = await copyFixtures();
    await writeFile(
      join(dir, 'overrides.yaml'),
      'bob-partial:\n  M2: { points: 10, comment: "works on two machines" }\n',
    );
    const log: string[] = [];
    const code = await reportAction(dir, { overrides: join(dir, 'overrides.yaml'), log: (line) => log.push(line) });
    expect(code).toBe(0);
    expect(log).toEqual([`Wrote 22 files for 4 submissions to ${dir} (1 criterion overridden).`]);
    expect(await readFile(join(dir, 'grades.csv'), 'utf8')).toContain('bob-partial,10,10,10,0,0,0,0,30,65');
    expect(await readFile(join(dir, 'bob-partial', 'index.html'), 'utf8')).toContain(
      'Overridden by the lecturer: works on two machines',
    );
    const summary = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as {
      durationMs: number;
      submissions: { submission: string; score: number }[];
    };
    expect(summary.durationMs).toBe(31250);
    expect(summary.submissions.find((line) => line.submission === 'bob-partial')?.score).toBe(30);
    const junit = await readFile(join(dir, 'junit.xml'), 'utf8');
    expect(junit).toContain('<testsuite name="bob-partial" tests="7" failures="1" errors="1" skipped="2"');
  });

  test('a bad overrides file: exit 2 with every problem logged', async () => {
    const dir = await copyFixtures();
    await writeFile(join(dir, 'overrides.yaml'), 'bob-partial:\n  M2: { points: 11 }\n  X1: { points: 1 }\n');
    const log: string[] = [];
    const code = await reportAction(dir, { overrides: join(dir, 'overrides.yaml'), log: (line) => log.push(line) });
    expect(code).toBe(2);
    expect(log).toEqual([
      `${join(dir, 'overrides.yaml')}:2:17 bob-partial.M2.points: expected at most 10, the maximum of M2, found 11`,
      `${join(dir, 'overrides.yaml')}:3:3 bob-partial.X1: expected a criterion of bob-partial (M1, M2, M3, M4, M5, M6, O1), found "X1"`,
    ]);
  });

  test('no results: exit 2 with the reason', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sockgrade-none-'));
    const log: string[] = [];
    expect(await reportAction(dir, { log: (line) => log.push(line) })).toBe(2);
    expect(log).toEqual([
      `${dir}: no <submission>/result.json found; give the --out folder of a "sockgrade grade" run`,
    ]);
  });
});
