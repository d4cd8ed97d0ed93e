import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Confinement } from '../../harness/sandbox/confine-command.js';
import { detectIsolation, type IsolationPlan } from '../../harness/sandbox/detect-isolation.js';
import { defaultLimits } from '../../harness/sandbox/limits.js';
import { sweepUid } from '../../harness/sandbox/process-tree.js';
import { stageSubmission, type Stage } from '../../harness/submission/stage-submission.js';

const baseUid = 810_000 + (process.pid % 10_000) * 10; // ours, far from sockgrade's run uids
const made: string[] = [];
const stages: Stage[] = [];
let plan: IsolationPlan;
let confinement: Confinement;

beforeAll(async () => {
  const detected = await detectIsolation('auto');
  if (!detected.ok) throw new Error(detected.message);
  plan = detected.plan;
  confinement = { isolation: plan.mode, uid: plan.dropPrivileges ? baseUid : undefined, limits: defaultLimits };
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

async function stage(dir: string, build: string | undefined): Promise<Awaited<ReturnType<typeof stageSubmission>>> {
  const staged = await stageSubmission(dir, build, plan, confinement);
  if (staged.ok) stages.push(staged.stage);
  return staged;
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

  it('shows the compiler\'s error when the C code does not compile', async () => {
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
});
