import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRubric } from '../../harness/rubric/load-rubric.js';
import { repoRoot, runSockgrade } from '../helpers/cli.js';

const example = 'submissions/examples/udp-chat/full-marks';
const rubric = 'rubrics/udp-chat.yaml';
const scratch = mkdtempSync(path.join(tmpdir(), 'sockgrade-cli-usage-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const grade = (...flags: string[]) =>
  runSockgrade(['grade', example, '--rubric', rubric, '--out', scratch, ...flags], { timeoutMs: 60_000 });
const usage = (message: string): string => `${message}\n(run with --help for usage)`;

describe.concurrent('sockgrade grade: bad flags are usage errors (exit 2) that say what is wrong', () => {
  it.each([
    [
      ['--jobs', '0'],
      "error: option '-j, --jobs <n>' argument '0' is invalid. --jobs must be a whole number from 1 to 64.",
    ],
    [
      ['--jobs', 'abc'],
      "error: option '-j, --jobs <n>' argument 'abc' is invalid. --jobs must be a whole number from 1 to 64.",
    ],
    [
      ['--shard', '5/4'],
      "error: option '--shard <i/n>' argument '5/4' is invalid. --shard 5/4: I must be between 1 and N (N ≥ 1)",
    ],
    [
      ['--format', 'pdf'],
      "error: option '-f, --format <list>' argument 'pdf' is invalid. unknown report format \"pdf\"; valid formats: json, html, md, csv, junit, gradescope, tap",
    ],
    [
      ['--isolation', 'bogus'],
      "error: option '--isolation <mode>' argument 'bogus' is invalid. Allowed choices are auto, netns, bubblewrap, unshare, none.",
    ],
    [
      ['--min-score', '-1'],
      "error: option '--min-score <points>' argument '-1' is invalid. --min-score must be a number of points, 0 or more.",
    ],
    [
      ['--reruns', '9'],
      "error: option '--reruns <n>' argument '9' is invalid. --reruns must be a whole number from 0 to 5.",
    ],
  ])('%j', async (flags, message) => {
    const result = await grade(...flags);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(usage(message));
    expect(result.stdout).toBe('');
  });

  it('without --rubric', async () => {
    const result = await runSockgrade(['grade', example]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(usage("error: required option '-r, --rubric <file>' not specified"));
  });
});

describe.concurrent('sockgrade grade: a bad rubric or submission is a usage error (exit 2)', () => {
  it('names a rubric file that does not exist', async () => {
    const missing = path.join(scratch, 'no-such-rubric.yaml');
    const result = await runSockgrade(['grade', example, '--rubric', missing, '--out', scratch]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${missing}: no such file`);
  });

  it('cites a rubric mistake as file:line:col, with the path and what was expected and found', async () => {
    const bad = path.join(scratch, 'bad-points.yaml');
    writeFileSync(
      bad,
      [
        'rubric: bad',
        'title: Broken',
        'transport: udp',
        'launch:',
        '  server: python3 server.py',
        'criteria:',
        '  - id: B1',
        '    title: x',
        '    points: ten',
        '    steps:',
        '      - start: server',
        '',
      ].join('\n'),
    );
    const result = await runSockgrade(['grade', example, '--rubric', bad, '--out', scratch]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${bad}:9:13 criteria[0].points: expected a number from 0 to 1000, found "ten"`);
  });

  it('refuses a submission that is not a folder, naming it', async () => {
    const result = await runSockgrade(['grade', 'README.md', 'no-such-folder', '--rubric', rubric, '--out', scratch]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      [
        "README.md: not a submission folder (a submission is a directory holding the student's files)",
        "no-such-folder: not a submission folder (a submission is a directory holding the student's files)",
      ].join('\n'),
    );
  });

  it('refuses ".." and "/", which name no submission folder of their own, before grading anything', async () => {
    const result = await runSockgrade(['grade', `${example}/..`, '/', '--rubric', rubric, '--out', scratch]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      [
        `${example}/..: ends in "..", which names the folder above, not a submission; give each submission's own folder, such as submissions/2024/alice`,
        `/: the root folder has no name to save a result under; give each submission's own folder, such as submissions/2024/alice`,
      ].join('\n'),
    );
    expect(result.stdout).toBe('');
  });

  it('shows control characters and newlines in folder names as escapes in its messages', async () => {
    const evil = 'evil\x1b[2J\x07\nname';
    const clash = [path.join(scratch, 'one', evil), path.join(scratch, 'two', evil)];
    for (const dir of clash) mkdirSync(dir, { recursive: true });
    const missing = await runSockgrade(['grade', evil, '--rubric', rubric, '--out', scratch]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      "evil\\x1b[2J\\x07\\nname: not a submission folder (a submission is a directory holding the student's files)",
    );
    const clashing = await runSockgrade(['grade', ...clash, '--rubric', rubric, '--out', scratch]);
    expect(clashing.code).toBe(2);
    expect(clashing.stderr).toBe(
      `${scratch}/one/evil\\x1b[2J\\x07\\nname and ${scratch}/two/evil\\x1b[2J\\x07\\nname: two submissions named "evil\\x1b[2J\\x07\\nname"; results are saved by folder name, so rename one`,
    );
  });

  it('lists the valid criterion ids for an --only that names none', async () => {
    const loaded = await loadRubric(rubric);
    if (!loaded.ok) throw new Error('rubrics/udp-chat.yaml should load');
    const ids = loaded.rubric.criteria.map((c) => c.id);
    const result = await grade('--only', 'M1,M9');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`--only: udp-chat has no criterion M9 (it has ${ids.join(', ')})`);
  });

  it('check: refuses a folder that does not exist', async () => {
    const result = await runSockgrade(['check', 'no-such-folder', '--rubric', rubric]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "no-such-folder: not a folder; run sockgrade check in your submission's folder, or name it",
    );
    const evil = await runSockgrade(['check', 'evil\x1b[2J\x07\nname', '--rubric', rubric]);
    expect(evil.stderr).toBe(
      "evil\\x1b[2J\\x07\\nname: not a folder; run sockgrade check in your submission's folder, or name it",
    );
  });
});

describe.concurrent('sockgrade --help and --version', () => {
  it('--help lists the commands and exits 0', async () => {
    const result = await runSockgrade(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: sockgrade \[options\] \[command\]/);
    for (const command of [
      'grade [options] [submission-dir...]',
      'check [options] [dir]',
      'intake [options] <path>',
      'validate <rubric...>',
    ]) {
      expect(result.stdout).toContain(command);
    }
  });

  it('--version prints the version from package.json', async () => {
    const result = await runSockgrade(['--version']);
    expect(result.code).toBe(0);
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(result.stdout).toBe(version);
  });
});
