import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CriterionResult, SubmissionResult } from '../../harness/model/result.js';
import { runSockgrade, repoRoot } from '../helpers/cli.js';

// A submission without retransmission, under O1's seeded loss, duplication and reordering: what
// it loses depends only on which datagrams the faults hit, so a seed fixes the verdict.
const submission = path.join(repoRoot, 'submissions', 'examples', 'udp-chat', 'o1-no-retransmission');

async function gradeO1(seed: string): Promise<{ result: SubmissionResult; o1: CriterionResult }> {
  const out = mkdtempSync(path.join(tmpdir(), 'sockgrade-seed-'));
  const run = await runSockgrade([
    'grade',
    submission,
    '--rubric',
    path.join(repoRoot, 'rubrics', 'udp-chat.yaml'),
    '--only',
    'O1',
    '--seed',
    seed,
    '--reruns',
    '0',
    '--out',
    out,
    '--format',
    'json',
  ]);
  expect(run.code, run.stderr).toBe(0);
  const result = JSON.parse(
    readFileSync(path.join(out, 'o1-no-retransmission', 'result.json'), 'utf8'),
  ) as SubmissionResult;
  const o1 = result.criteria.find((c) => c.id === 'O1') as CriterionResult;
  return { result, o1 };
}

// What the proxy did to each datagram the evidence shows, by its number on its link and direction
// counted from when the faults were armed (what the rules count): "alice up #3" → "dropped".
function faults(o1: CriterionResult): Map<string, string> {
  return new Map((o1.evidence.wire ?? []).map((r) => [`${r.link} ${r.dir} #${r.n ?? 'before'}`, r.fault ?? 'passed']));
}

// The datagrams both gradings show, and what each did to them.
function compare(a: Map<string, string>, b: Map<string, string>): { shared: number; differing: string[] } {
  const shared = [...a.keys()].filter((key) => b.has(key));
  return {
    shared: shared.length,
    differing: shared.filter((key) => a.get(key) !== b.get(key)).map((key) => `${key}: ${a.get(key)} / ${b.get(key)}`),
  };
}

describe('a seed', () => {
  it('is in result.json, and grading again with it strikes the same datagrams and reaches the same verdict', async () => {
    const [first, again, other] = await Promise.all([gradeO1('replay-1'), gradeO1('replay-1'), gradeO1('replay-2')]);
    expect(first.result.seed).toBe('replay-1');
    expect(first.o1.status).toBe('fail');
    expect(first.o1.message).toMatch(/^Observed: delivered \d+\/20, duplicated \d+, out of order \d+/m);
    expect([...faults(first.o1).values()].filter((fault) => fault !== 'passed').length).toBeGreaterThan(5);

    expect(again.o1.status).toBe(first.o1.status);
    const same = compare(faults(first.o1), faults(again.o1));
    expect(same.shared).toBeGreaterThan(10);
    expect(same.differing).toEqual([]);
    // Another seed strikes other datagrams (the control: the comparison above can fail).
    const otherSeed = compare(faults(first.o1), faults(other.o1));
    expect(otherSeed.shared).toBeGreaterThan(10);
    expect(otherSeed.differing.length).toBeGreaterThan(0);
  }, 180_000);
});
