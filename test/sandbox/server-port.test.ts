import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SubmissionResult } from '../../harness/model/result.js';
import { runSockgrade, repoRoot } from '../helpers/cli.js';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'programs', 'server-port');

// Grades copies of the named fixture servers side by side and returns their results; the
// fixed-port copies all hold fixedPort.
async function grade(
  isolation: 'netns' | 'none',
  servers: readonly string[],
  fixedPort = 19473,
): Promise<SubmissionResult[]> {
  const classDir = mkdtempSync(path.join(tmpdir(), 'sockgrade-ports-'));
  const dirs = servers.map((server, i) => {
    const dir = path.join(classDir, `${server}-${i}`);
    cpSync(path.join(fixtures, server), dir, { recursive: true });
    const program = path.join(dir, 'server.py');
    writeFileSync(program, readFileSync(program, 'utf8').replace('PORT = 19473', `PORT = ${fixedPort}`));
    return dir;
  });
  const out = mkdtempSync(path.join(tmpdir(), 'sockgrade-ports-out-'));
  const result = await runSockgrade([
    'grade',
    ...dirs,
    '--rubric',
    path.join(fixtures, 'rubric.yaml'),
    '--out',
    out,
    '--format',
    'json',
    '--isolation',
    isolation,
    '--jobs',
    '4',
    '--reruns',
    '0',
  ]);
  expect(result.code, result.stderr).toBe(0);
  return dirs.map(
    (dir) => JSON.parse(readFileSync(path.join(out, path.basename(dir), 'result.json'), 'utf8')) as SubmissionResult,
  );
}

// The port a run's server bound, and the port it said it bound.
function ports(result: SubmissionResult, id: string): { bound: string | undefined; said: string | undefined } {
  const lines = (result.criteria.find((c) => c.id === id)?.evidence.transcript ?? []).map((line) => line.text);
  return {
    bound: lines.map((text) => /^bound udp [\d.]+:(\d+)$/.exec(text)?.[1]).find(Boolean),
    said: lines.map((text) => /^ready on (\d+)$/.exec(text)?.[1]).find(Boolean),
  };
}

describe.each(['netns', 'none'] as const)('the port a server listens on, isolation %s', (isolation) => {
  it("is one the harness picked, given as {port} or at the server's prompt, and it is where clients are sent", async () => {
    const results = await grade(isolation, ['takes-port', 'asks-port', 'takes-port']);
    for (const result of results) {
      expect(result.harness.isolation).toBe(isolation);
      expect(
        result.criteria.map((c) => [c.id, c.status]),
        JSON.stringify(result.criteria, null, 1),
      ).toEqual([
        ['S1', 'pass'],
        ['S2', 'pass'],
      ]);
      for (const id of ['S1', 'S2']) {
        const { bound, said } = ports(result, id);
        expect(Number(bound)).toBeGreaterThanOrEqual(20000);
        expect(Number(bound)).toBeLessThan(32000);
        expect(said).toBe(bound);
      }
    }
    const asks = results[1] as SubmissionResult;
    const lines = (asks.criteria[0]?.evidence.transcript ?? []).map((line) => line.text);
    expect(lines).toContain('answered the port prompt');
  }, 120_000);

  it('may be fixed by the server: two such servers graded at once never meet on it', async () => {
    // A port of this test's own (below those sockgrade hands out), so that suites running side by
    // side on one machine do not meet on it.
    const fixedPort = randomInt(10_000, 20_000);
    const results = await grade(isolation, ['fixed-port', 'fixed-port'], fixedPort);
    for (const result of results) {
      expect(
        result.criteria.map((c) => [c.id, c.status]),
        JSON.stringify(result.criteria, null, 1),
      ).toEqual([
        ['S1', 'pass'],
        ['S2', 'pass'],
      ]);
      expect(ports(result, 'S1').bound).toBe(String(fixedPort));
    }
  }, 120_000);
});
