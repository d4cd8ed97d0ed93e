import { execa } from 'execa';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runSockgrade } from '../helpers/cli.js';

// `sockgrade gradescope` builds the zip; the test lays it out as Gradescope's autograder
// specification says (/autograder/source holds the zip's contents, /autograder/run_autograder a
// copy of the script, /autograder/submission the student's files) in a temp folder standing in
// for /autograder, and runs run_autograder there on a quick-udp submission. setup.sh is not run
// (it installs system packages and Node): it is checked with bash -n, and what it would leave
// behind, the packages `npm ci` installs, is this checkout's node_modules, linked in its place.

// run_autograder is one grading of a two-criterion rubric, a few seconds on a lightly loaded machine;
// the deadline leaves room for one shared with other test runs, and ends as soon as the run does.
const runTimeoutMs = 300_000;

const scratch = mkdtempSync(path.join(tmpdir(), 'sockgrade-gradescope-'));
const zip = path.join(scratch, 'autograder.zip');
const root = path.join(scratch, 'autograder');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface GradescopeTest {
  name: unknown;
  number: unknown;
  score: unknown;
  max_score: unknown;
  status?: unknown;
  output: unknown;
  visibility: unknown;
}

let built: Awaited<ReturnType<typeof runSockgrade>>;
let entries: string[];

beforeAll(async () => {
  built = await runSockgrade([
    'gradescope',
    '--rubric',
    'test/fixtures/programs/quick-udp/with-manual.yaml',
    '--out',
    zip,
  ]);
  entries = (await execa('unzip', ['-Z1', zip])).stdout.split('\n');
  mkdirSync(path.join(root, 'source'), { recursive: true });
  await execa('unzip', ['-q', zip, '-d', path.join(root, 'source')]);
  cpSync(path.join(root, 'source/run_autograder'), path.join(root, 'run_autograder'));
  cpSync(path.join(repoRoot, 'test/fixtures/programs/quick-udp/ready'), path.join(root, 'submission'), {
    recursive: true,
  });
  mkdirSync(path.join(root, 'results'));
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'source/sockgrade/node_modules'));
});

describe('sockgrade gradescope', () => {
  it('writes a zip with setup.sh and run_autograder at its root, executable, the rubric and sockgrade', () => {
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch(
      new RegExp(
        `^wrote ${zip} \\(\\d+ files, \\d+ KB\\): setup.sh, run_autograder, rubric/with-manual.yaml, sockgrade \\d`,
      ),
    );
    expect(entries.slice(0, 3)).toEqual(['setup.sh', 'run_autograder', 'rubric/with-manual.yaml']);
    expect(entries).toEqual(
      expect.arrayContaining([
        'sockgrade/package.json',
        'sockgrade/package-lock.json',
        'sockgrade/dist/harness/main.js',
        'sockgrade/dist/harness/worker.js',
        'sockgrade/dist/worker/worker.js',
      ]),
    );
    expect(
      entries.filter(
        (entry) =>
          !/^(setup\.sh|run_autograder|rubric\/|sockgrade\/(package(-lock)?\.json|dist\/(harness|worker)\/.*\.js)$)/.test(
            entry,
          ),
      ),
    ).toEqual([]);
  });

  it('setup.sh is valid bash that installs what run_autograder runs', async () => {
    const setup = path.join(root, 'source/setup.sh');
    expect((await execa('bash', ['-n', setup], { reject: false })).exitCode).toBe(0);
    const text = readFileSync(setup, 'utf8');
    expect(text).toMatch(/apt-get install -y[^\n]*\\\n[^\n]*\bpython3 bubblewrap util-linux iproute2\b/);
    expect(text).toContain(`"$node_package@${process.versions.node}"`); // the Node that built the package, from the npm registry
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(20);
    expect(text).toContain('cd "$root/source/sockgrade"\nnpm ci --omit=dev');
    const run = readFileSync(path.join(root, 'run_autograder'), 'utf8');
    for (const used of run.matchAll(/"\$root\/source\/([^"]+)"/g)) expect(entries).toContain(used[1]);
  });

  it(
    'run_autograder grades /autograder/submission into results/results.json as Gradescope specifies',
    async () => {
      const run = await execa(path.join(root, 'run_autograder'), [], {
        cwd: root,
        env: { SOCKGRADE_AUTOGRADER_DIR: root, NO_COLOR: '1', CI: 'true' },
        reject: false,
        timeout: runTimeoutMs,
      });
      expect(run.exitCode, run.stderr).toBe(0);
      const results = JSON.parse(readFileSync(path.join(root, 'results/results.json'), 'utf8')) as {
        score: unknown;
        execution_time: unknown;
        output: unknown;
        tests: GradescopeTest[];
      };
      expect(typeof results.score).toBe('number');
      expect(Number.isInteger(results.execution_time)).toBe(true);
      expect(typeof results.output).toBe('string');
      for (const test of results.tests) {
        expect(typeof test.name).toBe('string');
        expect(typeof test.number).toBe('string');
        expect(typeof test.score).toBe('number');
        expect(typeof test.max_score).toBe('number');
        expect(typeof test.output).toBe('string');
        expect(['visible', 'hidden', 'after_due_date', 'after_published']).toContain(test.visibility);
        if (test.status !== undefined) expect(['passed', 'failed']).toContain(test.status);
      }
      expect(results.tests.map((test) => [test.number, test.score, test.max_score, test.status])).toEqual([
        ['Q1', 1, 1, 'passed'],
        ['Q2', 0, 0, undefined],
      ]);
      expect(results.score).toBe(1);
      expect(results.tests[1]?.output).toMatch(/^Pending: graded by hand/);
    },
    runTimeoutMs,
  );

  it("packs a rubric's probes beside it, and refuses a rubric paired with the reference implementation", async () => {
    const udp = path.join(scratch, 'udp.zip');
    const packed = await runSockgrade(['gradescope', '--rubric', 'rubrics/udp-chat.yaml', '--out', udp]);
    expect(packed.code, packed.stderr).toBe(0);
    const names = (await execa('unzip', ['-Z1', udp])).stdout.split('\n');
    expect(names).toEqual(
      expect.arrayContaining([
        'rubric/udp-chat.yaml',
        'rubric/probes/gui-evidence.py',
        'rubric/probes/probe_common.py',
      ]),
    );
    const refused = await runSockgrade([
      'gradescope',
      '--rubric',
      'rubrics/udp-chat-protocol.yaml',
      '--out',
      path.join(scratch, 'no.zip'),
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe(
      "gradescope: udp-chat-protocol grades students' programs paired with sockgrade's reference implementation, which gradescope does not copy; grade with rubrics/udp-chat-protocol.yaml itself",
    );
  });
});
