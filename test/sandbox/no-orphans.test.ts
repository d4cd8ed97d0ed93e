import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runSockgrade, repoRoot } from '../helpers/cli.js';
import { findLeftovers } from '../helpers/leftovers.js';

const marker = 'sockgrade-escapee-fixture';
const fixture = path.join(repoRoot, 'test', 'fixtures', 'programs');

// Polls while a command runs: true once the marker has been seen among live processes.
function watchFor(marker: string): { seen: () => boolean; stop: () => void } {
  let seen = false;
  const timer = setInterval(() => {
    if (findLeftovers({ marker }).length > 0) seen = true;
  }, 20);
  return { seen: () => seen, stop: () => clearInterval(timer) };
}

describe.each(['netns', 'none'] as const)('a daemon that escapes its parent, isolation %s', (isolation) => {
  it('is ended with the run: no process of the submission survives', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'sockgrade-test-'));
    const watcher = watchFor(marker);
    const result = await runSockgrade([
      'grade', path.join(fixture, 'escapee'), '--rubric', path.join(fixture, 'escapee.yaml'),
      '--out', out, '--format', 'json', '--isolation', isolation,
    ]);
    watcher.stop();
    expect(result.stderr).toContain('S1✓');
    expect(watcher.seen()).toBe(true); // the daemon really was out while the run went on
    expect(findLeftovers({ marker })).toEqual([]);
    const saved = JSON.parse(readFileSync(path.join(out, 'escapee', 'result.json'), 'utf8')) as { harness: { isolation: string } };
    expect(saved.harness.isolation).toBe(isolation);
  });
});
