import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverSubmissions, type Intake } from '../../harness/intake/discover-submissions.js';
import { formatIntakeTable } from '../../harness/intake/format-intake-table.js';
import { makeZip, renameEntry, type ZipEntry } from '../helpers/make-zip.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'sockgrade-discover-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const entryPoints = ['server.py', 'client.py', 'Makefile', 'makefile', 'sockgrade.yaml'];
let made = 0;

// Lays out files (path → content) under a fresh folder; a Buffer content is written as is.
function layout(files: Record<string, string | Buffer>): string {
  const dir = path.join(scratch, `tree-${made++}`);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    if (file.endsWith('/')) mkdirSync(path.join(dir, file), { recursive: true });
    else writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

async function writeZip(entries: readonly ZipEntry[], name = `class-${made++}.zip`): Promise<string> {
  const file = path.join(scratch, name);
  writeFileSync(file, await makeZip(entries));
  return file;
}

// Discovers, keeps what the test asserts on, and removes the extraction folder (checking it goes).
async function discover(input: string): Promise<{
  intake: Intake;
  rows: { id: string; name?: string; root?: string; files: number; problems: readonly string[] }[];
}> {
  const found = await discoverSubmissions(input, entryPoints);
  if (!found.ok) throw new Error(found.message);
  const { intake } = found;
  intake.remove();
  expect(existsSync(intake.workspace)).toBe(false);
  const rows = intake.submissions.map((s) => ({
    id: s.id,
    ...(s.name === undefined ? {} : { name: s.name }),
    ...(s.rootShown === undefined ? {} : { root: s.rootShown.replace(`${input}`, 'IN') }),
    files: s.files,
    problems: s.problems.map((p) => p.replaceAll(input, 'IN')),
  }));
  return { intake, rows };
}

describe('discoverSubmissions', () => {
  it('takes a folder of folders as it is, finding each root however deep, ignoring __MACOSX and .DS_Store', async () => {
    const input = layout({
      'alice/server.py': 'a',
      'alice/client.py': 'a',
      'bob/chat/src/server.py': 'b',
      'bob/.DS_Store': '',
      '__MACOSX/bob/._server.py': '',
      'carol/Makefile': 'all:',
      'carol/server.c': '',
    });
    const { rows, intake } = await discover(input);
    expect(rows).toEqual([
      { id: 'alice', root: 'IN/alice', files: 2, problems: [] },
      { id: 'bob', root: 'IN/bob/chat/src', files: 1, problems: [] },
      { id: 'carol', root: 'IN/carol', files: 2, problems: [] },
    ]);
    expect(intake.ignored).toEqual([]);
  });

  it("reads Moodle's download: ids and names from the folders, online text ignored, a student's own zip opened", async () => {
    const studentZip = await makeZip([
      { name: 'my-chat/server.py', data: 's' },
      { name: 'my-chat/client.py', data: 'c' },
      { name: '__MACOSX/my-chat/._server.py', data: '' },
    ]);
    const input = await writeZip([
      { name: 'Ann Lee_12345_assignsubmission_file_/chat/server.py', data: 's' },
      { name: 'Ann Lee_12345_assignsubmission_onlinetext_/onlinetext.html', data: '<p>see zip</p>' },
      { name: 'Budi Santoso_12346_assignsubmission_file_/tugas.zip', data: studentZip },
    ]);
    const { rows, intake } = await discover(input);
    expect(rows).toEqual([
      { id: '12345', name: 'Ann Lee', root: 'IN!/Ann Lee_12345_assignsubmission_file_/chat', files: 1, problems: [] },
      {
        id: '12346',
        name: 'Budi Santoso',
        root: 'IN!/Budi Santoso_12346_assignsubmission_file_/tugas.zip!/my-chat',
        files: 2,
        problems: [],
      },
    ]);
    expect(intake.ignored).toEqual([
      `${input}!/Ann Lee_12345_assignsubmission_onlinetext_: an online-text entry, not code`,
    ]);
  });

  it('reads GitHub Classroom clones: <assignment>-<username> gives the username', async () => {
    const input = layout({
      'udp-chat-alice99/server.py': '',
      'udp-chat-alice99/.git/HEAD': '',
      'udp-chat-bob-k/src/server.py': '',
    });
    const { rows } = await discover(input);
    expect(rows.map((r) => r.id)).toEqual(['alice99', 'bob-k']);
  });

  it('takes a folder of zips, one submission per zip, named after it', async () => {
    const input = layout({
      'alice.zip': await makeZip([{ name: 'server.py', data: '' }]),
      'bob.zip': await makeZip([{ name: 'bob/tugas/client.py', data: '' }]),
      'notes.txt': 'hello',
    });
    const { rows, intake } = await discover(input);
    expect(rows).toEqual([
      { id: 'alice', root: 'IN/alice.zip!', files: 1, problems: [] },
      { id: 'bob', root: 'IN/bob.zip!/bob/tugas', files: 1, problems: [] },
    ]);
    expect(intake.ignored).toEqual([`${input}/notes.txt: neither a folder nor a zip`]);
  });

  it('makes two candidate roots a problem that lists both', async () => {
    const input = layout({ 'alice/v1/server.py': '', 'alice/v2/server.py': '', 'bob/server.py': '' });
    const { rows } = await discover(input);
    expect(rows[0]).toEqual({
      id: 'alice',
      files: 0,
      problems: [
        'IN/alice: 2 candidate roots, IN/alice/v1 and IN/alice/v2; keep one folder with the programs to grade',
      ],
    });
  });

  it('says when no folder holds an entry point', async () => {
    const input = layout({ 'alice/readme.txt': '', 'bob/server.py': '' });
    const { rows } = await discover(input);
    expect(rows[0]?.problems).toEqual([
      'IN/alice: no folder in it holds server.py, client.py, Makefile, sockgrade.yaml',
    ]);
  });

  it('keeps a refused entry with the submission it belongs to, and grades the others', async () => {
    const bad = renameEntry(
      await makeZip([
        { name: 'bob/server.py', data: '' },
        { name: 'bob/zz/zz/evil', data: '' },
      ]),
      'bob/zz/zz/evil',
      'bob/../../evil',
    );
    const input = path.join(scratch, 'slip.zip');
    writeFileSync(input, bad);
    const { rows } = await discover(input);
    expect(rows).toEqual([
      {
        id: 'bob',
        root: 'IN!/bob',
        files: 1,
        problems: [
          'IN!/bob/../../evil: refused, its path climbs out with "..", so it would be written outside the extraction folder',
        ],
      },
    ]);
    expect(existsSync(path.join(scratch, '..', 'evil'))).toBe(false);
  });

  it('opens zips one level inside a zip, and says so for a zip inside that', async () => {
    const innermost = await makeZip([{ name: 'server.py', data: '' }]);
    const inner = await makeZip([{ name: 'deeper.zip', data: innermost }]);
    const input = await writeZip([
      { name: 'alice.zip', data: inner },
      { name: 'bob/server.py', data: '' },
    ]);
    const { rows } = await discover(input);
    expect(rows[0]?.problems).toEqual([
      'IN!/alice.zip!/deeper.zip: a zip inside a zip inside a zip; sockgrade opens zips one level deep',
      'IN!/alice.zip: no folder in it holds server.py, client.py, Makefile, sockgrade.yaml',
    ]);
  });

  it("makes a student's zip bomb that one submission's problem", async () => {
    const bomb = await makeZip([{ name: 'server.py', data: Buffer.alloc(51 * 1024 ** 2) }]);
    const input = layout({ 'alice.zip': bomb, 'bob/server.py': '' });
    const { rows } = await discover(input);
    expect(rows).toEqual([
      {
        id: 'alice',
        files: 0,
        problems: [`IN/alice.zip: refused, entry server.py unpacks to more than 50 MB (a zip bomb?)`],
      },
      { id: 'bob', root: 'IN/bob', files: 1, problems: [] },
    ]);
  });

  it('refuses two submissions of one id, naming both', async () => {
    const input = layout({ 'alice/server.py': '', 'alice.zip': await makeZip([{ name: 'server.py', data: '' }]) });
    const { rows } = await discover(input);
    expect(rows.map((r) => r.problems)).toEqual([
      ['two submissions have the id "alice" (IN/alice and IN/alice.zip); rename one'],
      ['two submissions have the id "alice" (IN/alice.zip and IN/alice); rename one'],
    ]);
  });

  it("takes a student's own zip with the programs at its top as one submission named after it", async () => {
    const input = await writeZip(
      [
        { name: 'server.py', data: '' },
        { name: 'client.py', data: '' },
      ],
      'budi.zip',
    );
    const { rows } = await discover(input);
    expect(rows).toEqual([{ id: 'budi', root: 'IN!', files: 2, problems: [] }]);
  });

  it('says what is wrong with a path that is neither a folder nor a zip', async () => {
    const text = path.join(scratch, 'grades.txt');
    writeFileSync(text, 'x');
    expect(await discoverSubmissions(text, entryPoints)).toEqual({
      ok: false,
      message: `${text}: neither a folder nor a zip; give the folder or the zip your LMS let you download`,
    });
    expect(await discoverSubmissions(path.join(scratch, 'nope'), entryPoints)).toEqual({
      ok: false,
      message: `${path.join(scratch, 'nope')}: no such file or folder`,
    });
  });

  it('unpacks into a private folder under the temp folder and prints hidden characters as escapes', async () => {
    const input = layout({ 'eve\x1b[31m/server.py': '' });
    const found = await discoverSubmissions(input, entryPoints);
    if (!found.ok) throw new Error(found.message);
    expect(statSync(found.intake.workspace).mode & 0o777).toBe(0o700);
    expect(path.dirname(found.intake.workspace)).toBe(tmpdir());
    const table = formatIntakeTable(found.intake);
    found.intake.remove();
    expect(table.map((line) => line.split(/\s{2,}/).map((cell) => cell.replaceAll(input, 'IN')))).toEqual([
      ['id', 'name', 'root found', 'files', 'problems'],
      ['eve\\x1b[31m', 'IN/eve\\x1b[31m', '1', 'ok'],
      ['1 submission(s): 1 ready to grade, 0 with problems (graded as errors)'],
    ]);
    expect(readdirSync(tmpdir()).includes(path.basename(found.intake.workspace))).toBe(false);
  });
});
