import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import type { SubmissionResult } from '../../harness/grading/result.js';
import { runSockgrade, repoRoot } from '../helpers/cli.js';
import { findLeftovers, uidRangeOf } from '../helpers/leftovers.js';

interface Expected {
  rubric: string;
  criteria: Record<string, string>;
}

const examplesDir = path.join(repoRoot, 'submissions', 'examples');
const rubricFor = (name: string): string => path.join(repoRoot, 'rubrics', `${name}.yaml`);
const examples = readdirSync(examplesDir)
  .filter((name) => existsSync(path.join(examplesDir, name, 'expected.yaml')))
  .map((name) => ({ name, expected: parse(readFileSync(path.join(examplesDir, name, 'expected.yaml'), 'utf8')) as Expected }));
const rubrics = [...new Set(examples.map((e) => e.expected.rubric))];

// Grades every example with its rubric once (one batch per rubric, runs in parallel) and
// compares each verdict with the example's expected.yaml.
describe.each(rubrics)('examples graded with rubrics/%s.yaml', (rubric) => {
  const out = mkdtempSync(path.join(tmpdir(), `sockgrade-e2e-${rubric}-`));
  const mine = examples.filter((e) => e.expected.rubric === rubric);
  let batch: Awaited<ReturnType<typeof runSockgrade>>;

  beforeAll(async () => {
    batch = await runSockgrade([
      'grade', ...mine.map((e) => path.join(examplesDir, e.name)), '--rubric', rubricFor(rubric),
      '--out', out, '--format', 'json', '--reruns', '0',
    ]);
  }, 900_000);

  it('grades the batch and leaves no student process behind', () => {
    expect(batch.stderr).not.toContain('sockgrade fault');
    expect([0, 1]).toContain(batch.code);
    expect(findLeftovers({ uids: uidRangeOf(batch.pid as number) })).toEqual([]);
  });

  it.each(mine.map((e) => [e.name, e] as const))('%s matches expected.yaml', (name, example) => {
    const file = path.join(out, name, 'result.json');
    const result = JSON.parse(readFileSync(file, 'utf8')) as SubmissionResult;
    const got = Object.fromEntries(result.criteria.map((c) => [c.id, c.status]));
    const explain = result.criteria
      .filter((c) => c.status !== example.expected.criteria[c.id])
      .map((c) => `${c.id}: expected ${example.expected.criteria[c.id]}, got ${c.status}: ${c.message}`)
      .join('\n');
    expect(got, explain).toEqual(example.expected.criteria);
    const earned = result.criteria.filter((c) => c.status === 'pass').reduce((sum, c) => sum + c.maxPoints, 0);
    expect(result.score).toBe(earned);
    expect(result.seed).toMatch(/^[0-9a-f]+$/);
  });
});
