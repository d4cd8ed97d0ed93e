import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CriterionResult, SubmissionResult } from '../../harness/model/result.js';
import { runSockgrade, repoRoot } from '../helpers/cli.js';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'programs', 'run-once');

// One graded submission serves every assertion below.
let result: SubmissionResult;
beforeAll(async () => {
  const out = mkdtempSync(path.join(tmpdir(), 'sockgrade-run-once-'));
  const graded = await runSockgrade([
    'grade',
    path.join(fixtures, 'quiet'),
    '--rubric',
    path.join(fixtures, 'rubric.yaml'),
    '--out',
    out,
    '--format',
    'json',
    '--reruns',
    '0',
  ]);
  expect(graded.code, graded.stderr).toBe(0);
  result = JSON.parse(readFileSync(path.join(out, 'quiet', 'result.json'), 'utf8')) as SubmissionResult;
}, 180_000);

function criterion(id: string): CriterionResult {
  const found = result.criteria.find((c) => c.id === id);
  if (!found) throw new Error(`no criterion ${id} in ${JSON.stringify(result.criteria.map((c) => c.id))}`);
  return found;
}

// The random number the probe said in the run whose evidence this criterion shows.
function nonceOf(id: string): string {
  const said = (criterion(id).evidence.notes ?? [])
    .map((note) => /"nonce":"([0-9a-f]{16})"/.exec(note)?.[1])
    .find(Boolean);
  if (said === undefined) throw new Error(`${id} shows no nonce: ${JSON.stringify(criterion(id).evidence)}`);
  return said;
}

describe('a probe several criteria run', () => {
  it('runs once per submission: every criterion that runs it shows the one run, and each passes', () => {
    expect(['P1', 'P2', 'P3', 'P4'].map((id) => criterion(id).status)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(new Set(['P1', 'P2', 'P3'].map(nonceOf)).size).toBe(1);
  });

  it('is not confused with another probe: that one runs on its own', () => {
    expect(nonceOf('P4')).not.toBe(nonceOf('P1'));
  });
});

describe('a step waiting for output', () => {
  it('keeps waiting while the programs are busy, past the quiet period', () => {
    expect(criterion('Q1').status, JSON.stringify(criterion('Q1').evidence)).toBe('pass');
  });

  it('ends before its deadline once every program and link has been silent, and says so', () => {
    const ended = criterion('Q2');
    expect(ended.status).toBe('fail');
    expect(ended.evidence.observed).toMatch(
      /^server did not print it; last output:\n[^]*said it; every program and link had been silent for 3 s, so sockgrade ended the step before its 60 s deadline$/,
    );
  });
});
