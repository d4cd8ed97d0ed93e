import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { detectIsolation } from '../../harness/sandbox/detect-isolation.js';
import { defaultLimits } from '../../harness/sandbox/limits.js';
import { sweepUid } from '../../harness/sandbox/process-tree.js';
import { checkEntryPoints, type CheckSandbox } from '../../harness/submission/check-entry-points.js';
import { repoRoot } from '../helpers/cli.js';

const examples = path.join(repoRoot, 'submissions', 'examples', 'udp-chat');
const python = { server: 'python3 server.py', client: 'python3 client.py' };
const both = new Set(['server', 'client'] as const);
const made: string[] = [];
const uid = 820_000 + (process.pid % 10_000) * 10; // ours, far from sockgrade's run uids
let sandbox: CheckSandbox;

// The check runs confined as the student, as prepareSubmission runs it.
beforeAll(async () => {
  const detected = await detectIsolation('auto');
  if (!detected.ok) throw new Error(detected.message);
  const { plan } = detected;
  sandbox = {
    plan,
    confinement: {
      isolation: plan.mode,
      sandbox: plan.sandbox,
      uid: plan.dropPrivileges ? uid : undefined,
      limits: defaultLimits,
    },
  };
});
afterAll(() => sweepUid(uid));

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// A submission folder holding the given files.
function submission(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sockgrade-entry-'));
  chmodSync(dir, 0o755); // the student's uid reads it, as it reads its stage
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('checkEntryPoints', () => {
  it('is content with a Python 3 submission that has both programs', async () => {
    expect(
      await checkEntryPoints(path.join(examples, 'full-marks'), python, 'the rubric', both, sandbox),
    ).toBeUndefined();
  });

  it('names a missing server.py, the command and where it came from, and what the folder holds', async () => {
    expect(
      await checkEntryPoints(path.join(examples, 'broken-missing-server'), python, 'the rubric', both, sandbox),
    ).toBe(
      "missing server.py: the server is started with `python3 server.py` (from the rubric), but the submission has no server.py (it has: client.py, expected.yaml, protocol.py). Add it, or name the server's command in sockgrade.yaml (server: ...).",
    );
  });

  it('says "no files" for an empty folder', async () => {
    expect(await checkEntryPoints(submission({}), python, 'the rubric', both, sandbox)).toBe(
      "missing server.py: the server is started with `python3 server.py` (from the rubric), but the submission has no server.py (it has: no files). Add it, or name the server's command in sockgrade.yaml (server: ...).",
    );
  });

  it('does not ask for a program no criterion starts', async () => {
    const dir = submission({ 'server.py': 'print("hi")\n' });
    expect(await checkEntryPoints(dir, python, 'the rubric', new Set(['server'] as const), sandbox)).toBeUndefined();
    expect(await checkEntryPoints(dir, python, 'the rubric', both, sandbox)).toMatch(
      /^missing client\.py: the client is started with `python3 client\.py`/,
    );
  });

  it('recognises Python 2 code by its print statement, with the line', async () => {
    expect(await checkEntryPoints(path.join(examples, 'broken-python2'), python, 'the rubric', both, sandbox)).toBe(
      'server.py is Python 2 code (line 9: `print "Server jalan di port", PORT`); sockgrade runs it with python3. To port it: print is a function (print("Got connection from", addr)); sockets send and receive bytes, not str (c.send("Thank you".encode()), s.recv(1024).decode()); raw_input() is input().',
    );
  });

  // The first lab sheet of the term is Python 2 as handed out (issue 13): the student is told how to port it.
  it('tells a student handing in the Python 2 lab sheet how to port it', async () => {
    const lab = path.join(repoRoot, 'submissions', 'examples', 'greet-tcp', 'lab-python2');
    expect(await checkEntryPoints(lab, python, 'the rubric', both, sandbox)).toBe(
      'server.py is Python 2 code (line 13: `print \'Got connection from\', addr`); sockgrade runs it with python3. To port it: print is a function (print("Got connection from", addr)); sockets send and receive bytes, not str (c.send("Thank you".encode()), s.recv(1024).decode()); raw_input() is input().',
    );
    expect(await checkEntryPoints(lab, python, 'the rubric', new Set(['client'] as const), sandbox)).toMatch(
      /^client\.py is Python 2 code \(line 10: `print s\.recv\(1024\)`\); .* raw_input\(\) is input\(\)\.$/,
    );
  });

  it("reports a Python 3 file that does not parse for another reason, with the line and Python's words", async () => {
    const dir = submission({ 'server.py': 'import socket\n\ndef serve(:\n    pass\n', 'client.py': 'print("ok")\n' });
    expect(await checkEntryPoints(dir, python, 'the rubric', both, sandbox)).toBe(
      'server.py does not parse as Python 3 (line 3: `def serve(:`): invalid syntax.',
    );
  });

  it('checks the client too, naming it', async () => {
    const dir = submission({ 'server.py': 'print("ok")\n', 'client.py': 'x = 1\nif x\n    print(x)\n' });
    expect(await checkEntryPoints(dir, python, 'the rubric', both, sandbox)).toBe(
      "client.py does not parse as Python 3 (line 2: `if x`): expected ':'.",
    );
  });

  it('names the convention or the manifest a missing compiled program was expected from', async () => {
    const dir = submission({ Makefile: 'all:\n\ttrue\n' });
    expect(
      await checkEntryPoints(
        dir,
        { server: './server', client: './client' },
        'the C convention (Makefile)',
        both,
        sandbox,
      ),
    ).toBe(
      "missing server: the server is started with `./server` (from the C convention (Makefile)), but the submission has no server (it has: Makefile). Add it, or name the server's command in sockgrade.yaml (server: ...).",
    );
  });

  it('does not guess at commands it cannot read a file from', async () => {
    const dir = submission({});
    expect(
      await checkEntryPoints(dir, { server: 'java Server', client: 'node client.js' }, 'sockgrade.yaml', both, sandbox),
    ).toBeUndefined();
  });

  it("parses with an isolated python3: a module of the student's named like one the parser imports never runs", async () => {
    const marker = path.join(tmpdir(), `sockgrade-entry-shadow-${process.pid}`);
    const dir = submission({
      'server.py': 'print("ok")\n',
      'client.py': 'print("ok")\n',
      'ast.py': `open(${JSON.stringify(marker)}, "w").write("imported")\n`,
      'json.py': `open(${JSON.stringify(marker)}, "w").write("imported")\n`,
    });
    expect(await checkEntryPoints(dir, python, 'the rubric', both, sandbox)).toBeUndefined();
    expect(existsSync(marker)).toBe(false);
  });

  it('names a skipped FIFO only beside the entry point it stood for', async () => {
    const dir = submission({ 'client.py': 'print("ok")\n' });
    const fifo = [{ path: 'server.py', why: 'a FIFO' }];
    expect(await checkEntryPoints(dir, python, 'the rubric', both, sandbox, fifo)).toMatch(
      /^missing server\.py: .* \(server: \.\.\.\)\. \(Not copied: server\.py \(a FIFO\)\.\)$/,
    );
    const broken = submission({ 'server.py': 'def serve(:\n', 'client.py': 'print("ok")\n' });
    expect(
      await checkEntryPoints(broken, python, 'the rubric', both, sandbox, [{ path: 'debug.pipe', why: 'a FIFO' }]),
    ).not.toContain('Not copied');
  });
});
