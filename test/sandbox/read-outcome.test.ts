import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readOutcome } from '../../harness/sandbox/read-outcome.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sockgrade-outcome-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function read(text: string): ReturnType<typeof readOutcome> {
  const file = path.join(dir, 'outcome.json');
  writeFileSync(file, text);
  return readOutcome(file);
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
    expect(read(JSON.stringify(good))).toEqual({ ok: true, outcome: good });
  });

  it('is missing when the worker wrote none', () => {
    expect(readOutcome(path.join(dir, 'none.json'))).toEqual({
      ok: false,
      missing: true,
      problem: 'the grading worker wrote no outcome',
    });
  });

  it('says so when it is cut short, as a worker killed while writing leaves it', () => {
    const cut = read(JSON.stringify(good).slice(0, 30));
    expect(cut).toMatchObject({ ok: false, missing: false });
    expect(cut.ok ? '' : cut.problem).toMatch(/^the grading worker's outcome is not JSON \(/);
  });

  it('names the first field that is not what an outcome holds', () => {
    const problem = (value: unknown): string => {
      const read_ = read(JSON.stringify(value));
      return read_.ok ? 'accepted' : read_.problem;
    };
    expect(problem({ ...good, status: 'blocked' })).toMatch(/^the grading worker's outcome is not one \(status: /);
    expect(problem({ ...good, evidence: { notes: [1] } })).toBe(
      "the grading worker's outcome is not one (evidence.notes.0: Invalid input: expected string, received number)",
    );
    expect(problem({ ...good, fraction: 'half' })).toMatch(/^the grading worker's outcome is not one \(fraction: /);
    expect(problem({ ...good, points: 5 })).toMatch(
      /^the grading worker's outcome is not one \(Unrecognized key: "points"\)$/,
    );
    expect(problem([])).toMatch(/^the grading worker's outcome is not one \(Invalid input: expected object/);
  });
});
