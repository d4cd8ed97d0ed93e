import { cp, mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readResults, readSummary } from '../../harness/report/read-results.js';
import { ReportInputError } from '../../harness/report/report-input-error.js';
import { fixtureDir } from './fixture-results.js';

async function copyFixtures(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sockgrade-read-'));
  await cp(fixtureDir, dir, { recursive: true });
  return dir;
}

async function readProblems(dir: string): Promise<ReportInputError> {
  try {
    await readResults(dir);
  } catch (error) {
    if (error instanceof ReportInputError) return error;
    throw error;
  }
  throw new Error('readResults accepted bad input');
}

describe('readResults', () => {
  test('loads every <submission>/result.json, sorted by name, skipping other folders', async () => {
    const dir = await copyFixtures();
    await mkdir(join(dir, 'gradescope'));
    const results = await readResults(dir);
    expect(results.map((result) => result.submission)).toEqual([
      'alice-full',
      'bob-partial',
      'dave-late',
      'mallory-hostile',
    ]);
  });

  test('keeps fields it does not know, so re-rendering loses nothing', async () => {
    const dir = await copyFixtures();
    const file = join(dir, 'alice-full', 'result.json');
    const data = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...data, futureField: { kept: true } }));
    const [alice] = await readResults(dir);
    expect(alice).toMatchObject({ futureField: { kept: true } });
  });

  test('a malformed file is named with the path inside it, and all bad files are reported together', async () => {
    const dir = await copyFixtures();
    const bobFile = join(dir, 'bob-partial', 'result.json');
    const bob = JSON.parse(await readFile(bobFile, 'utf8')) as { criteria: Record<string, unknown>[] };
    bob.criteria[1] = { ...bob.criteria[1], status: 'passed' };
    await writeFile(bobFile, JSON.stringify(bob));
    await writeFile(join(dir, 'dave-late', 'result.json'), '{ "submission": ');
    const error = await readProblems(dir);
    expect(error.code).toBe('BAD_RESULT_FILE');
    expect(error.problems[0]).toBe(
      `${bobFile}: criteria[1].status: Invalid option: expected one of "pass"|"fail"|"error"|"blocked"|"manual"|"flaky"`,
    );
    expect(error.problems[1]).toMatch(new RegExp(`^${join(dir, 'dave-late', 'result.json')}: not valid JSON: `));
    expect(error.problems.at(-1)).toBe('Re-grade those submissions, or fix or remove the files.');
  });

  test('a folder without results says what it expected', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sockgrade-empty-'));
    const error = await readProblems(dir);
    expect(error.code).toBe('NO_RESULTS');
    expect(error.problems).toEqual([
      `${dir}: no <submission>/result.json found; give the --out folder of a "sockgrade grade" run`,
    ]);
  });
});

describe('readSummary', () => {
  test('reads summary.json, and is undefined when there is none', async () => {
    expect((await readSummary(fixtureDir))?.seed).toBe('a3f9c2e1');
    expect(await readSummary(await mkdtemp(join(tmpdir(), 'sockgrade-nosummary-')))).toBeUndefined();
  });
});
