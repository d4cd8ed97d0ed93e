import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runSockgrade, repoRoot } from '../helpers/cli.js';
import { findLeftovers } from '../helpers/leftovers.js';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'programs');

// A copy of the escapee whose daemon carries a marker of its own, so that suites running side by
// side never see each other's daemons.
function markedEscapee(): { dir: string; marker: string } {
  const marker = `sockgrade-escapee-${randomBytes(6).toString('hex')}`;
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'sockgrade-escapee-')), 'escapee');
  cpSync(path.join(fixture, 'escapee'), dir, { recursive: true });
  const server = path.join(dir, 'server.py');
  writeFileSync(server, readFileSync(server, 'utf8').replace('sockgrade-escapee-fixture', marker));
  return { dir, marker };
}

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
    const { dir, marker } = markedEscapee();
    const watcher = watchFor(marker);
    const result = await runSockgrade([
      'grade',
      dir,
      '--rubric',
      path.join(fixture, 'escapee.yaml'),
      '--out',
      out,
      '--format',
      'json',
      '--isolation',
      isolation,
    ]);
    watcher.stop();
    expect(result.stderr).toContain('S1✓');
    expect(watcher.seen()).toBe(true); // the daemon really was out while the run went on
    expect(findLeftovers({ marker })).toEqual([]);
    const saved = JSON.parse(readFileSync(path.join(out, 'escapee', 'result.json'), 'utf8')) as {
      harness: { isolation: string };
    };
    expect(saved.harness.isolation).toBe(isolation);
  });
});
