import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readOutcomes } from '../../harness/sandbox/read-outcome.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sockgrade-outcome-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function read(text: string, count = 1): ReturnType<typeof readOutcomes> {
  const file = path.join(dir, 'outcome.json');
  writeFileSync(file, text);
  return readOutcomes(file, count);
}

const good = {
  status: 'fail',
  message: 'server never printed it',
  evidence: { transcript: [{ t: 3, actor: 'server', stream: 'stdout', text: 'hi' }], notes: ['n'] },
  durationMs: 12,
  starvation: { loopDelayMaxMs: 1, loopDelayP99Ms: 1 },
};

describe('the outcome a worker wrote, read back by the harness', () => {
  it('is taken as written when it is one', () => {
    expect(read(JSON.stringify([good]))).toEqual({ ok: true, outcomes: [good] });
    expect(read(JSON.stringify([good, { ...good, status: 'pass' }]), 2)).toMatchObject({ ok: true });
  });

  it('is missing when the worker wrote none', () => {
    expect(readOutcomes(path.join(dir, 'none.json'), 1)).toEqual({
      ok: false,
      missing: true,
      problem: 'the grading worker wrote no outcome',
    });
  });

  it('says so when it is cut short, as a worker killed while writing leaves it', () => {
    const cut = read(JSON.stringify([good]).slice(0, 30));
    expect(cut).toMatchObject({ ok: false, missing: false });
    expect(cut.ok ? '' : cut.problem).toMatch(/^the grading worker's outcome is not JSON \(/);
  });

  it('names the first field that is not what an outcome holds', () => {
    const problem = (value: unknown): string => {
      const read_ = read(JSON.stringify([value]));
      return read_.ok ? 'accepted' : read_.problem;
    };
    expect(problem({ ...good, status: 'blocked' })).toMatch(/^the grading worker's outcome is not one \(0\.status: /);
    expect(problem({ ...good, evidence: { notes: [1] } })).toBe(
      "the grading worker's outcome is not one (0.evidence.notes.0: Invalid input: expected string, received number)",
    );
    expect(problem({ ...good, fraction: 'half' })).toMatch(/^the grading worker's outcome is not one \(0\.fraction: /);
    expect(problem({ ...good, points: 5 })).toMatch(
      /^the grading worker's outcome is not one \(0: Unrecognized key: "points"\)$/,
    );
    expect(problem([])).toMatch(/^the grading worker's outcome is not one \(0: Invalid input: expected object/);
    const short = read(JSON.stringify([good]), 2);
    expect(short.ok ? '' : short.problem).toBe(
      "the grading worker's outcome is not one (expected the outcomes of 2 criteria)",
    );
  });
});
