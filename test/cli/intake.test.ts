import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SubmissionResult } from '../../harness/model/result.js';
import { repoRoot, runSockgrade } from '../helpers/cli.js';
import { makeZip, renameEntry } from '../helpers/make-zip.js';

const quick = path.join(repoRoot, 'test', 'fixtures', 'programs', 'quick-udp');
const rubric = path.join(quick, 'rubric.yaml');
const program = (name: string): string => readFileSync(path.join(quick, name, 'server.py'), 'utf8');
const scratch = mkdtempSync(path.join(tmpdir(), 'sockgrade-cli-intake-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A Moodle-style download of three students: one ready, one whose server crashes, one whose zip
// holds an entry that climbs out of the extraction folder. Each test gets its own file: the tests
// run at once, and one rewriting a zip another's sockgrade is reading would break that read.
let zips = 0;
async function moodleZip(): Promise<string> {
  const slip = renameEntry(
    await makeZip([
      { name: 'chat/server.py', data: program('ready') },
      { name: 'chat/zz/zz/zz/owned', data: 'x' },
    ]),
    'chat/zz/zz/zz/owned',
    'chat/../../../owned',
  );
  zips += 1;
  const file = path.join(scratch, `moodle-${zips}.zip`);
  writeFileSync(
    file,
    await makeZip([
      { name: 'Ann Lee_101_assignsubmission_file_/tugas/server.py', data: program('ready') },
      { name: 'Ann Lee_101_assignsubmission_onlinetext_/onlinetext.html', data: '<p>hi</p>' },
      { name: 'Budi Santoso_102_assignsubmission_file_/server.py', data: program('crash') },
      { name: 'Citra Dewi_103_assignsubmission_file_/chat.zip', data: slip },
    ]),
  );
  return file;
}

describe.concurrent('sockgrade intake, grade --from, check --from', () => {
  it('intake prints the table and every problem, exit 1 when a submission has one', async () => {
    const zip = await moodleZip();
    const result = await runSockgrade(['intake', zip, '--rubric', rubric], { timeoutMs: 30_000 });
    const lines = result.stdout.split('\n').map((line) => line.split(/\s{2,}/));
    expect(lines).toEqual([
      ['id', 'name', 'root found', 'files', 'problems'],
      ['101', 'Ann Lee', `${zip}!/Ann Lee_101_assignsubmission_file_/tugas`, '1', 'ok'],
      ['102', 'Budi Santoso', `${zip}!/Budi Santoso_102_assignsubmission_file_`, '1', 'ok'],
      ['103', 'Citra Dewi', `${zip}!/Citra Dewi_103_assignsubmission_file_/chat.zip!/chat`, '1', '1 problem(s)'],
      [
        `103: ${zip}!/Citra Dewi_103_assignsubmission_file_/chat.zip!/chat/../../../owned: refused, its path climbs out with "..", so it would be written outside the extraction folder`,
      ],
      [`ignored ${zip}!/Ann Lee_101_assignsubmission_onlinetext_: an online-text entry, not code`],
      ['3 submission(s): 2 ready to grade, 1 with problems (graded as errors)'],
    ]);
    expect(result.code).toBe(1);
  });

  it('intake says what is wrong with a path it cannot read (exit 2)', async () => {
    const result = await runSockgrade(['intake', path.join(scratch, 'missing.zip'), '--rubric', rubric], {
      timeoutMs: 30_000,
    });
    expect(result.stderr).toBe(`${path.join(scratch, 'missing.zip')}: no such file or folder`);
    expect(result.code).toBe(2);
  });

  it('grade --from grades every submission under its id; a refused one is an error, the batch goes on; nothing is left behind', async () => {
    const zip = await moodleZip();
    const out = path.join(scratch, 'out');
    const result = await runSockgrade(
      ['grade', '--from', zip, '--rubric', rubric, '--out', out, '--format', 'json,csv', '--seed', 'f00d'],
      { timeoutMs: 90_000 },
    );
    expect(result.code).toBe(0);
    const read = (id: string): SubmissionResult =>
      JSON.parse(readFileSync(path.join(out, id, 'result.json'), 'utf8')) as SubmissionResult;
    expect(read('101').criteria.map((c) => c.status)).toEqual(['pass']);
    expect(read('102').criteria.map((c) => c.status)).toEqual(['error']); // a crash at start
    expect(read('103').criteria[0]).toMatchObject({
      status: 'error',
      message: `Not graded: ${zip}!/Citra Dewi_103_assignsubmission_file_/chat.zip!/chat/../../../owned: refused, its path climbs out with "..", so it would be written outside the extraction folder`,
    });
    expect(result.stderr).toContain('3 submission(s): 2 ready to grade, 1 with problems (graded as errors)');
    expect(existsSync(path.join(scratch, 'owned'))).toBe(false);
    // The extraction folder the graded root sat in is gone.
    const workspace = path.relative(tmpdir(), read('101').path).split(path.sep)[0] as string;
    expect(workspace).toMatch(/^sockgrade-intake-/);
    expect(existsSync(path.join(tmpdir(), workspace))).toBe(false);
  });

  it('grade with neither folders nor --from is a usage error', async () => {
    const result = await runSockgrade(['grade', '--rubric', rubric], { timeoutMs: 30_000 });
    expect(result.stderr).toBe(
      'grade: name the submission folders, or a download with --from PATH (a zip, a folder of zips or folders)',
    );
    expect(result.code).toBe(2);
  });

  it("check --from finds the student's programs inside their zip", async () => {
    const zip = path.join(scratch, 'mine.zip');
    writeFileSync(zip, await makeZip([{ name: 'tugas/kode/server.py', data: program('ready') }]));
    const result = await runSockgrade(['check', '--from', zip, '--rubric', rubric], { timeoutMs: 60_000 });
    expect(result.stdout).toMatch(/^ {2}✓ Q1 {2}The server says it is ready +1\/1$/m);
    expect(result.code).toBe(0);
  });

  it('check --from refuses a download of several submissions', async () => {
    const zip = await moodleZip();
    const result = await runSockgrade(['check', '--from', zip, '--rubric', rubric], { timeoutMs: 30_000 });
    expect(result.stderr).toBe(
      `${zip}: holds 3 submissions (${zip}!/Ann Lee_101_assignsubmission_file_, ${zip}!/Budi Santoso_102_assignsubmission_file_, ${zip}!/Citra Dewi_103_assignsubmission_file_); check takes one`,
    );
    expect(result.code).toBe(2);
  });
});
