import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { examplesDir, probesDir, repoRoot, runProbe } from './run-probe.js';

const probes = ['oop.py', 'gui-evidence.py', 'account-evidence.py', 'cipher-evidence.py'];
const evidenceProbes = probes.filter((probe) => probe !== 'oop.py');

describe('the shipped probes', () => {
  test('each starts with a header saying what it checks and how to read its diagnostics', async () => {
    for (const probe of probes) {
      const text = await readFile(path.join(probesDir, probe), 'utf8');
      expect(text.startsWith('#!/usr/bin/env python3\n"""'), probe).toBe(true);
      expect(text, probe).toMatch(/Diagnostics \(YAML under each point\):/);
      expect(text, probe).toMatch(/never imports or runs the student's code/);
    }
  });

  test('the reading, TAP and evidence helpers are written once, beside the probes, and imported', async () => {
    for (const probe of probes) {
      const text = await readFile(path.join(probesDir, probe), 'utf8');
      expect(text, probe).toMatch(/^from probe_common import .*\brender_tap\b/m);
      expect(text, probe).not.toMatch(/^def (read_sources|render_tap|run)\(/m);
    }
    for (const probe of evidenceProbes) {
      expect(await readFile(path.join(probesDir, probe), 'utf8'), probe).toMatch(
        /^from evidence_common import .*\bevidence_point\b/m,
      );
    }
  });

  test('a probe finds its helpers from any working directory, never a module of the submission', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sockgrade-probe-'));
    try {
      await writeFile(path.join(dir, 'probe_common.py'), 'raise SystemExit("the submission\'s module was imported")\n');
      await writeFile(path.join(dir, 'server.py'), 'class A:\n    def a(self): pass\n    def b(self): pass\nA()\n');
      const { report, stderr } = await runProbe('oop.py', dir);
      expect(stderr).toBe('');
      expect(report).toMatchObject({ ok: true, passed: 2 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the example in harness/probes/README.md is a working probe', async () => {
    const readme = await readFile(path.join(repoRoot, 'harness', 'probes', 'README.md'), 'utf8');
    const example = /```python\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(
      example.split('\n').filter((line) => line !== '' && !line.startsWith('#!') && !line.startsWith('"""')),
    ).toHaveLength(10);
    const dir = await mkdtemp(path.join(tmpdir(), 'sockgrade-probe-'));
    try {
      await mkdir(path.join(dir, 'submission'));
      await writeFile(path.join(dir, 'history-probe.py'), example);
      await writeFile(
        path.join(dir, 'submission', 'server.py'),
        'with open("chat.txt", "a") as f:\n    f.write("hi")\n',
      );
      const { report } = await runProbe(path.join(dir, 'history-probe.py'), path.join(dir, 'submission'));
      expect(report).toMatchObject({ ok: true, passed: 1, problems: [] });
      expect(report.tests[0]?.diag?.found).toEqual(['server.py:1: with open("chat.txt", "a") as f:']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the shipped probes on the example submissions', async () => {
  const examples = (await readdir(examplesDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

  test.each(examples)('%s: every probe prints valid TAP and nothing on stderr', async (example) => {
    const dir = path.join(examplesDir, example);
    const hasPython = (await readdir(dir, { recursive: true })).some((file) => String(file).endsWith('.py'));
    const runs = await Promise.all(probes.map((probe) => runProbe(probe, dir)));
    for (const [index, { report, stderr, exitCode }] of runs.entries()) {
      const probe = probes[index] ?? '';
      expect({ probe, stderr, exitCode, problems: report.problems }).toEqual({
        probe,
        stderr: '',
        exitCode: 0,
        problems: [],
      });
      if (probe === 'oop.py' && example === 'c-chat') {
        expect(report.tests.map((point) => point.diag?.message)).toEqual([
          'the submission is written in C, which has no classes',
          'the submission is written in C, which has no classes',
        ]);
      } else if (probe === 'oop.py' && (!hasPython || report.notRead !== undefined)) {
        expect(report.notRead, example).toMatch(
          /^(no Python, TypeScript, JavaScript, Java, C\+\+ or C file|none of the \d+ Python files parses)/,
        );
      } else if (!hasPython) {
        expect(report.notRead, probe).toBe('no Python file in the submission; this probe reads Python only');
      } else {
        expect(report.bailout, probe).toBeUndefined();
        expect(report.tests.length, probe).toBeGreaterThan(0);
      }
      if (probe !== 'oop.py') expect(report.failed, probe).toBe(0);
    }
  });

  test('seed-style: textbook RSA is found, and the procedural code fails O11', async () => {
    const dir = path.join(examplesDir, 'seed-style');
    const cipher = await runProbe('cipher-evidence.py', dir);
    expect(cipher.report.tests.at(-1)?.diag?.families).toContain('asymmetric');
    const found = cipher.report.tests.find((point) => point.name.startsWith('asymmetric'))?.diag?.found;
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^rsa\.py:\d+: .*pow\(/)]));
    const oop = await runProbe('oop.py', dir);
    expect(oop.report).toMatchObject({ ok: false, failed: 2 });
  });

  test('broken-python2: not read, naming the first file that does not parse, with its line', async () => {
    const { report } = await runProbe('oop.py', path.join(examplesDir, 'broken-python2'));
    expect(report.notRead).toMatch(
      /^none of the \d+ Python files parses as Python 3, so the probe cannot judge its style \(\w+\.py:\d+: does not parse as Python 3: Missing parentheses in call to 'print'/,
    );
  });
});
