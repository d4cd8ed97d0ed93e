import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSockgrade } from '../helpers/cli.js';

// Issue 11: a probe that cannot read a submission (`1..0 # SKIP not read: …`) leaves the criterion
// to the lecturer, `manual` with the probe's own reason, never `error` (which would say the program
// could not be graded) nor `fail`. One grading of a Go submission with a probe-only rubric.

type Criterion = { id: string; status: string; message: string; points: number };

const rubric = 'test/fixtures/programs/probe-not-read/rubric.yaml';
const goOnly = 'test/fixtures/probe-submissions/go-only';
let outDir = '';
let criteria: Criterion[] = [];

describe('the probe step, when the probe does not read the submission', () => {
  beforeAll(async () => {
    outDir = mkdtempSync(path.join(tmpdir(), 'sockgrade-probe-step-'));
    const result = await runSockgrade(['grade', goOnly, '--rubric', rubric, '--out', outDir, '--format', 'json'], {
      timeoutMs: 120_000,
    });
    expect([0, 1], `${result.stdout}\n${result.stderr}`).toContain(result.code);
    criteria = (
      JSON.parse(readFileSync(path.join(outDir, 'go-only', 'result.json'), 'utf8')) as { criteria: Criterion[] }
    ).criteria;
  }, 150_000);

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it("ends the criterion manual with the shipped probe's reason, for the lecturer", () => {
    expect(criteria.find((c) => c.id === 'P1')).toMatchObject({
      status: 'manual',
      points: 0,
      message:
        'Expected oop.py to read the submission.\n' +
        'Observed: it does not: no Python, TypeScript, JavaScript, Java, C++ or C file in the submission; this probe reads those only; for the lecturer to grade',
    });
  });

  it("passes on any probe's reason as it wrote it", () => {
    expect(criteria.find((c) => c.id === 'P2')).toMatchObject({
      status: 'manual',
      message:
        'Expected rust-only.py to read the submission.\n' +
        'Observed: it does not: no Rust file in the submission; this probe reads Rust only; for the lecturer to grade',
    });
  });
});
