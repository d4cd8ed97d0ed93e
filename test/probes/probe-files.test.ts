import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { examplesDir, probesDir, repoRoot, runProbe } from './run-probe.js';

const probes = ['oop.py', 'gui-evidence.py', 'account-evidence.py', 'cipher-evidence.py'];
const evidenceProbes = probes.filter((probe) => probe !== 'oop.py');

// A probe's `# ---- heading ----` sections, each up to the next heading, trailing blank lines dropped.
async function sectionsOf(probe: string): Promise<Map<string, string>> {
  const text = await readFile(path.join(probesDir, probe), 'utf8');
  const parts = text.split(/^(# ---- .+ ----)$/m);
  const sections = new Map<string, string>();
  for (let index = 1; index < parts.length; index += 2) sections.set(parts[index] ?? '', (parts[index + 1] ?? '').trimEnd());
  return sections;
}

describe('the shipped probes', () => {
  test('each starts with a header saying what it checks and how to read its diagnostics', async () => {
    for (const probe of probes) {
      const text = await readFile(path.join(probesDir, probe), 'utf8');
      expect(text.startsWith('#!/usr/bin/env python3\n"""'), probe).toBe(true);
      expect(text, probe).toMatch(/Diagnostics \(YAML under each point\):/);
      expect(text, probe).toMatch(/never imports or runs the student's code/);
    }
  });

  test('the reading and TAP helpers are the same in every probe, so each file stands alone', async () => {
    const sections = await Promise.all(probes.map(sectionsOf));
    const shared = [
      '# ---- reading the submission (the same in every sockgrade Python probe) ----',
      '# ---- writing TAP 14 (the same in every sockgrade Python probe) ----',
    ];
    const gathering = '# ---- gathering evidence (the same in every sockgrade evidence probe) ----';
    for (const heading of shared) {
      const [first, ...others] = sections.map((probe) => probe.get(heading));
      expect(first, heading).toBeDefined();
      for (const [index, copy] of others.entries()) expect(copy, `${probes[index + 1]}: ${heading}`).toBe(first);
    }
    const [first, ...others] = sections.slice(1).map((probe) => probe.get(gathering));
    expect(first).toBeDefined();
    for (const [index, copy] of others.entries()) expect(copy, evidenceProbes[index + 1]).toBe(first);
  });

  test('the example in harness/probes/README.md is a working probe', async () => {
    const readme = await readFile(path.join(repoRoot, 'harness', 'probes', 'README.md'), 'utf8');
    const example = /```python\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(example.split('\n').filter((line) => line !== '' && !line.startsWith('#!') && !line.startsWith('"""'))).toHaveLength(10);
    const dir = await mkdtemp(path.join(tmpdir(), 'sockgrade-probe-'));
    try {
      await mkdir(path.join(dir, 'submission'));
      await writeFile(path.join(dir, 'history-probe.py'), example);
      await writeFile(path.join(dir, 'submission', 'server.py'), 'with open("chat.txt", "a") as f:\n    f.write("hi")\n');
      const { report } = await runProbe(path.join(dir, 'history-probe.py'), path.join(dir, 'submission'));
      expect(report).toMatchObject({ ok: true, passed: 1, problems: [] });
      expect(report.tests[0]?.diag?.found).toEqual(['server.py:1: with open("chat.txt", "a") as f:']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the shipped probes on the example submissions', async () => {
  const examples = (await readdir(examplesDir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

  test.each(examples)('%s: every probe prints valid TAP and nothing on stderr', async (example) => {
    const dir = path.join(examplesDir, example);
    const hasPython = (await readdir(dir, { recursive: true })).some((file) => String(file).endsWith('.py'));
    const runs = await Promise.all(probes.map((probe) => runProbe(probe, dir)));
    for (const [index, { report, stderr, exitCode }] of runs.entries()) {
      const probe = probes[index] ?? '';
      expect({ probe, stderr, exitCode, problems: report.problems }).toEqual({ probe, stderr: '', exitCode: 0, problems: [] });
      if (probe === 'oop.py' && !hasPython) {
        expect(report.bailout).toBe('no Python, TypeScript or JavaScript file in the submission: this probe reads those only');
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

  test('broken-python2: files that do not parse are named, with their line', async () => {
    const { report } = await runProbe('oop.py', path.join(examplesDir, 'broken-python2'));
    expect(report.tests[0]?.diag?.unparsed).toEqual(
      expect.arrayContaining([expect.stringMatching(/^server\.py:\d+: does not parse as Python 3: Missing parentheses in call to 'print'/)]),
    );
  });
});
