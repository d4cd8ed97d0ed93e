import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Confinement } from '../../harness/sandbox/confine-command.js';
import { detectIsolation, type IsolationPlan } from '../../harness/sandbox/detect-isolation.js';
import { defaultLimits } from '../../harness/sandbox/limits.js';
import { sweepUid } from '../../harness/sandbox/process-tree.js';
import { describeSkipped } from '../../harness/sandbox/copy-tree.js';
import { buildStage, stageSubmission, type Stage } from '../../harness/submission/stage-submission.js';
import { repoRoot } from '../helpers/cli.js';

const baseUid = 810_000 + (process.pid % 10_000) * 10; // ours, far from sockgrade's run uids
const made: string[] = [];
const stages: Stage[] = [];
let plan: IsolationPlan;
let confinement: Confinement;

beforeAll(async () => {
  const detected = await detectIsolation('auto');
  if (!detected.ok) throw new Error(detected.message);
  plan = detected.plan;
  confinement = {
    isolation: plan.mode,
    sandbox: plan.sandbox,
    uid: plan.dropPrivileges ? baseUid : undefined,
    limits: defaultLimits,
  };
});
afterEach(() => {
  for (const stage of stages.splice(0)) stage.remove();
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(() => sweepUid(baseUid));

function submission(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sockgrade-stage-test-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const limit = 50 * 1024 * 1024;

// Stages a submission as prepareSubmission does, and builds it when given a build step.
async function stage(dir: string, build: string | undefined): Promise<ReturnType<typeof stageSubmission>> {
  const staged = stageSubmission(dir, limit, confinement.uid);
  if (!staged.ok) return staged;
  stages.push(staged.stage);
  if (build === undefined) return staged;
  const failed = await buildStage(staged.stage, build, plan, confinement);
  return failed === undefined ? staged : { ok: false, message: failed };
}

describe('stageSubmission', () => {
  it('copies the submission aside, without expected.yaml, .git, node_modules or __pycache__', async () => {
    const dir = submission({
      'server.py': 'print(1)\n',
      'lib/protocol.py': 'X = 1\n',
      'expected.yaml': 'rubric: udp-chat\n',
      '.git/HEAD': 'ref: refs/heads/main\n',
      'node_modules/x/index.js': '',
      '__pycache__/server.cpython-311.pyc': '',
    });
    const staged = await stage(dir, undefined);
    if (!staged.ok) throw new Error(staged.message);
    expect(readdirSync(staged.stage.dir).sort()).toEqual(['lib', 'server.py']);
    expect(existsSync(path.join(staged.stage.dir, 'lib', 'protocol.py'))).toBe(true);
    staged.stage.remove();
    expect(existsSync(staged.stage.dir)).toBe(false);
  });

  it('builds a C submission with make in the stage, leaving the source folder untouched', async () => {
    const dir = submission({
      Makefile: 'server: server.c\n\tcc -o server server.c\n',
      'server.c': '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n',
    });
    const staged = await stage(dir, 'make');
    if (!staged.ok) throw new Error(staged.message);
    const binary = path.join(staged.stage.dir, 'server');
    expect(statSync(binary).mode & 0o111).not.toBe(0);
    expect(existsSync(path.join(dir, 'server'))).toBe(false);
  });

  it('reports a failed build with its exit code and the last 12 lines of its output', async () => {
    const dir = submission({
      Makefile: 'all:\n\t@for i in $$(seq 1 20); do echo "line $$i"; done; exit 1\n',
    });
    const staged = await stage(dir, 'make');
    expect(staged).toEqual({
      ok: false,
      message: [
        'the build step `make` exited with code 2:',
        ...Array.from({ length: 11 }, (_, i) => `  line ${i + 10}`),
        '  make: *** [Makefile:2: all] Error 1',
      ].join('\n'),
    });
  });

  it("shows the compiler's error when the C code does not compile", async () => {
    const dir = submission({
      Makefile: 'server: server.c\n\tcc -o server server.c\n',
      'server.c': 'int main(void) { return undefined_thing; }\n',
    });
    const staged = await stage(dir, 'make');
    expect(staged.ok).toBe(false);
    if (staged.ok) return;
    expect(staged.message).toMatch(/^the build step `make` exited with code 2:\n {2}/);
    expect(staged.message).toMatch(/\n {2}server\.c:1:25: error: .undefined_thing. undeclared/);
    expect(staged.message).toMatch(/\n {2}make: \*\*\* \[Makefile:2: server\] Error 1$/);
  });

  it.runIf(process.getuid?.() === 0)('builds as the unprivileged uid, not as root', async () => {
    const dir = submission({ Makefile: 'all:\n\tid -u > built-by\n' });
    const staged = await stage(dir, 'make');
    if (!staged.ok) throw new Error(staged.message);
    expect(statSync(path.join(staged.stage.dir, 'built-by')).uid).toBe(baseUid);
  });

  it('keeps links inside the submission as links, and refuses one that leaves it, naming it', async () => {
    const dir = submission({ 'server.py': 'print(1)\n', 'lib/protocol.py': 'X = 1\n' });
    symlinkSync('lib/protocol.py', path.join(dir, 'protocol.py'));
    const staged = await stage(dir, undefined);
    if (!staged.ok) throw new Error(staged.message);
    expect(readlinkSync(path.join(staged.stage.dir, 'protocol.py'))).toBe('lib/protocol.py');
    for (const target of ['/etc/shadow', '../outside.txt', 'lib/../../outside.txt']) {
      const hostile = submission({ 'client.py': 'print(1)\n' });
      symlinkSync(target, path.join(hostile, 'server.py'));
      const refused = await stage(hostile, undefined);
      expect(refused).toEqual({
        ok: false,
        message: expect.stringMatching(
          new RegExp(
            `^sockgrade did not copy this submission: server\\.py is a symbolic link to ${target.replaceAll('.', '\\.')}.*, which is outside the submission: sockgrade follows no link out of a submission; put the file itself in the folder\\.$`,
          ),
        ),
      });
    }
  });

  it('skips FIFOs and sockets, and lists them', async () => {
    const dir = submission({ 'server.py': 'print(1)\n' });
    execFileSync('mkfifo', [path.join(dir, 'debug.pipe')]);
    const server = net.createServer().listen(path.join(dir, 'chat.sock'));
    await once(server, 'listening');
    try {
      const staged = await stage(dir, undefined);
      if (!staged.ok) throw new Error(staged.message);
      expect(staged.stage.skipped.map(describeSkipped)).toEqual(['chat.sock (a socket)', 'debug.pipe (a FIFO)']);
      expect(readdirSync(staged.stage.dir)).toEqual(['server.py']);
    } finally {
      server.close();
    }
  });

  it('refuses a submission over the size limit, counting a sparse file in full, without copying it', async () => {
    const dir = submission({ 'server.py': 'print(1)\n', core: '' });
    truncateSync(path.join(dir, 'core'), 1024 ** 3);
    const staged = await stage(dir, undefined);
    expect(staged).toEqual({
      ok: false,
      message:
        'sockgrade did not copy this submission: it holds 1.0 GB, more than the limit of 50 MB (largest: core: 1 GB, server.py: 9 bytes); remove large files (core dumps, data sets, virtual environments), or raise limits.submissionMb in the rubric.',
    });
  });

  it.runIf(process.getuid?.() === 0)("keeps the stage private to the submission's uid", async () => {
    const staged = await stage(submission({ 'server.py': 'print(1)\n' }), undefined);
    if (!staged.ok) throw new Error(staged.message);
    const stat = statSync(staged.stage.dir);
    expect([stat.uid, stat.mode & 0o777]).toEqual([baseUid, 0o700]);
  });

  it('builds, under bubblewrap, in a sandbox that shows neither sockgrade nor the folder handed in', async (context) => {
    if (plan.sandbox !== 'bubblewrap') context.skip();
    const dir = submission({});
    const look = (what: string, name: string): string =>
      `\ttest -e ${what} && echo ${name}-visible >> sees || echo ${name}-hidden >> sees\n`;
    writeFileSync(
      path.join(dir, 'Makefile'),
      `all:\n${look(path.join(repoRoot, 'package.json'), 'sockgrade')}${look(dir, 'original')}`,
    );
    const staged = await stage(dir, 'make');
    if (!staged.ok) throw new Error(staged.message);
    expect(readFileSync(path.join(staged.stage.dir, 'sees'), 'utf8')).toBe('sockgrade-hidden\noriginal-hidden\n');
  });
});
