import { describe, expect, it } from 'vitest';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SubmissionResult } from '../../harness/model/result.js';
import { runSockgrade, repoRoot } from '../helpers/cli.js';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'programs');

// What the peeker printed about its neighbour's file, in a class folder graded with this isolation.
async function peek(isolation: 'bubblewrap' | 'unshare' | 'none'): Promise<string> {
  // World-readable, as a class folder often is: only the sandbox stands between the two.
  const classDir = mkdtempSync(path.join(tmpdir(), 'sockgrade-class-'));
  chmodSync(classDir, 0o755);
  const neighbour = path.join(classDir, 'neighbour');
  mkdirSync(neighbour);
  writeFileSync(path.join(neighbour, 'server.py'), '# the secret answer is 42\n');
  const peeker = path.join(classDir, 'peeker');
  cpSync(path.join(fixtures, 'peeker'), peeker, { recursive: true });
  writeFileSync(path.join(peeker, 'peek.txt'), path.join(neighbour, 'server.py'));
  const out = mkdtempSync(path.join(tmpdir(), 'sockgrade-peek-out-'));
  const result = await runSockgrade([
    'grade',
    peeker,
    '--rubric',
    path.join(fixtures, 'peeker.yaml'),
    '--out',
    out,
    '--format',
    'json',
    '--isolation',
    isolation,
  ]);
  expect(result.code, result.stderr).toBe(0);
  const saved = JSON.parse(readFileSync(path.join(out, 'peeker', 'result.json'), 'utf8')) as SubmissionResult;
  return (
    (saved.criteria[0]?.evidence.transcript ?? []).map((line) => line.text).find((text) => /READ/.test(text)) ?? ''
  );
}

describe('the folder the submissions sit in', () => {
  it.each(['bubblewrap', 'unshare'] as const)(
    "is hidden from student code under %s: a neighbour's file cannot be read",
    async (isolation) => {
      expect(await peek(isolation)).toMatch(/^CANNOT READ .*neighbour\/server\.py \(No such file or directory\)$/);
    },
  );

  it('is readable without namespaces, where only permissions protect it (the control: the peeker works)', async () => {
    expect(await peek('none')).toBe('READ # the secret answer is 42');
  });
});
