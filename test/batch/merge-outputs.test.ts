import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runSockgrade } from '../helpers/cli.js';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'programs', 'quick-udp');
const three = path.join(fixture, 'three.yaml');
const savedResults = path.join(repoRoot, 'test', 'fixtures', 'results');
const scratch = mkdtempSync(path.join(tmpdir(), 'sockgrade-merge-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Every file of a folder by its path inside it, its timings (durations, times of day, run times) blanked.
function snapshotWithoutTimings(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return Object.fromEntries(
    files.map((e) => {
      const file = path.join(e.parentPath, e.name);
      return [path.relative(dir, file), blankTimings(readFileSync(file, 'utf8'))];
    }),
  );
}

function blankTimings(text: string): string {
  return text
    .replace(/"(durationMs|t|gradedAt|execution_time)": [^,\n]+/g, '"$1": _')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?/g, '_')
    .replace(/\b(time|timestamp|data-value)="[^"]*"/g, '$1="_"')
    .replace(/duration_ms: [\d.]+/g, 'duration_ms: _')
    .replace(/\+?\d+(\.\d+)?\s?(ms|s|min)\b/g, '_');
}

// A folder holding copies of saved results (from test/fixtures/results), each changed as asked.
function folderOf(
  name: string,
  results: Record<string, (result: Record<string, unknown>) => Record<string, unknown>>,
): string {
  const dir = path.join(scratch, name);
  for (const [submission, change] of Object.entries(results)) {
    const saved = JSON.parse(readFileSync(path.join(savedResults, submission, 'result.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    mkdirSync(path.join(dir, submission), { recursive: true });
    writeFileSync(path.join(dir, submission, 'result.json'), JSON.stringify(change(saved)));
  }
  return dir;
}

describe('sockgrade merge', () => {
  it('--shard 1/3, 2/3 and 3/3 then merge equal grading unsharded, byte for byte apart from timings', async () => {
    const classDir = path.join(scratch, 'class');
    for (const [name, program] of [
      ['alpha', 'ready'],
      ['beta', 'crash'],
      ['delta', 'ready'],
      ['gamma', 'crash'],
    ] as const) {
      cpSync(path.join(fixture, program), path.join(classDir, name), { recursive: true });
    }
    const dirs = ['alpha', 'beta', 'delta', 'gamma'].map((name) => path.join(classDir, name));
    const grade = (out: string, ...more: string[]) =>
      runSockgrade(
        [
          'grade',
          ...dirs,
          '--rubric',
          three,
          '--out',
          out,
          '--seed',
          'merge1',
          '--reruns',
          '0',
          '--jobs',
          '4',
          ...more,
        ],
        { timeoutMs: 120_000 },
      );
    const fresh = path.join(scratch, 'fresh');
    const shards = [1, 2, 3].map((i) => path.join(scratch, `shard-${i}`));
    const graded = await Promise.all([grade(fresh), ...shards.map((out, i) => grade(out, '--shard', `${i + 1}/3`))]);
    for (const result of graded) expect(result.code, result.stderr).toBe(0);

    const merged = path.join(scratch, 'merged');
    const merge = await runSockgrade(['merge', ...shards, '--out', merged]);
    expect(merge.code, merge.stderr).toBe(0);
    expect(merge.stdout).toMatch(
      new RegExp(`^merged 4 submission\\(s\\) from 3 folder\\(s\\); wrote 22 file\\(s\\) to ${merged}$`),
    );

    // The same four results, written by one unsharded batch: every file equal but for timings.
    const whole = path.join(scratch, 'whole');
    for (const shard of shards) {
      for (const name of readdirSync(shard, { withFileTypes: true }).filter(
        (e) => e.isDirectory() && e.name !== 'gradescope',
      )) {
        cpSync(path.join(shard, name.name, 'result.json'), path.join(whole, name.name, 'result.json'));
      }
    }
    const unsharded = await grade(whole, '--resume');
    expect(unsharded.code, unsharded.stderr).toBe(0);
    expect(unsharded.stderr.match(/\(kept from before\)/g)).toHaveLength(4);
    const expected = snapshotWithoutTimings(whole);
    expect(Object.keys(expected).sort()).toEqual(Object.keys(snapshotWithoutTimings(fresh)).sort());
    expect(snapshotWithoutTimings(merged)).toEqual(expected);

    // And a fresh unsharded grading gives the same verdicts (its evidence differs only as runs do).
    expect(readFileSync(path.join(merged, 'grades.csv'), 'utf8')).toBe(
      readFileSync(path.join(fresh, 'grades.csv'), 'utf8'),
    );
    const statuses = (dir: string): unknown =>
      (JSON.parse(readFileSync(path.join(dir, 'summary.json'), 'utf8')) as { submissions: unknown }).submissions;
    expect(statuses(merged)).toEqual(statuses(fresh));
  });

  it('refuses results of different rubrics or sockgrade versions, and a submission in two folders, naming them all', async () => {
    const first = folderOf('conflict-1', { 'alice-full': (r) => r, 'bob-partial': (r) => r });
    const second = folderOf('conflict-2', {
      'alice-full': (r) => r,
      'dave-late': (r) => ({ ...r, rubric: 'tcp-chat', harness: { ...(r['harness'] as object), version: '0.2.0' } }),
    });
    const out = path.join(scratch, 'conflict-out');
    const result = await runSockgrade(['merge', first, second, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')).toEqual([
      `merge: the folders hold results of different rubrics: udp-chat (${first}: alice-full, bob-partial; ${second}: alice-full), tcp-chat (${second}: dave-late); merge the shards of one grading`,
      `merge: the folders hold results of different sockgrade versions: sockgrade 0.1.0 (${first}: alice-full, bob-partial; ${second}: alice-full), sockgrade 0.2.0 (${second}: dave-late); grade every shard with one version`,
      `merge: alice-full is in ${first} and ${second}; each submission must be in one folder only`,
    ]);
    expect(() => readdirSync(out)).toThrow();
  });

  it("keeps the pairs the shards found when the submissions' folders are gone, and says so; refuses an --out holding results", async () => {
    const first = folderOf('gone-1', { 'alice-full': (r) => r, 'bob-partial': (r) => r });
    const second = folderOf('gone-2', { 'dave-late': (r) => r });
    const out = path.join(scratch, 'gone-out');
    const result = await runSockgrade(['merge', first, second, '--out', out, '--format', 'csv']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe(
      'note: some submission folders are gone, so similar pairs across shards cannot be looked for; the pairs each shard found are kept',
    );
    expect(result.stdout).toBe(`merged 3 submission(s) from 2 folder(s); wrote 5 file(s) to ${out}`);
    expect(
      readFileSync(path.join(out, 'grades.csv'), 'utf8')
        .split('\r\n')
        .map((line) => line.split(',')[0]),
    ).toEqual(['submission', 'alice-full', 'bob-partial', 'dave-late', '']);
    const again = await runSockgrade(['merge', first, second, '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`merge: ${out}: already holds results; merge into a new or empty folder`);
  });

  it('says what is wrong with a folder that holds no results, as report does', async () => {
    const empty = path.join(scratch, 'empty');
    mkdirSync(empty);
    const result = await runSockgrade(['merge', empty, '--out', path.join(scratch, 'empty-out')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `merge: ${empty}: no <submission>/result.json found; give the --out folder of a "sockgrade grade" run`,
    );
  });
});
