import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Actor } from '../../harness/actors/actor.js';
import { pollUntil, waitForActor } from '../../harness/actors/wait-for.js';
import { repoRoot } from '../helpers/cli.js';

const programs = path.join(repoRoot, 'test', 'fixtures', 'programs', 'actor-behaviour');
const actors: Actor[] = [];

afterEach(() => {
  for (const actor of actors.splice(0)) actor.kill();
});

function startEcho(): Promise<Actor> {
  const actor = new Actor({
    name: 'client',
    argv: ['python3', 'echo.py'],
    cwd: programs,
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', PYTHONUNBUFFERED: '1' },
    outputLimitBytes: 1024 * 1024,
    clock: () => 0,
    record: () => undefined,
  });
  actors.push(actor);
  return actor.start().then(() => actor);
}

describe('waitForActor', () => {
  it('resolves true as soon as the output satisfies the condition', async () => {
    const actor = await startEcho();
    expect(await waitForActor(actor, () => actor.output.endsWith('> '), 10_000)).toBe(true);
    actor.type('ping');
    expect(await waitForActor(actor, () => actor.output.includes('echo: ping'), 10_000)).toBe(true);
  });

  it('re-checks when the program exits', async () => {
    const actor = await startEcho();
    actor.type('exit 0');
    expect(await waitForActor(actor, () => !actor.running, 10_000)).toBe(true);
  });

  it('resolves false at the deadline when the condition never holds', async () => {
    const actor = await startEcho();
    const asked = Date.now();
    expect(await waitForActor(actor, () => actor.output.includes('never printed'), 300)).toBe(false);
    expect(Date.now() - asked).toBeGreaterThanOrEqual(250);
    expect(actor.listenerCount('output')).toBe(0);
    expect(actor.listenerCount('exit')).toBe(0);
  });
});

describe('pollUntil', () => {
  it('returns the first defined value', async () => {
    let calls = 0;
    expect(
      await pollUntil(
        () => (++calls === 3 ? 'found' : undefined),
        10_000,
        () => false,
        5,
      ),
    ).toBe('found');
    expect(calls).toBe(3);
  });

  it('gives up when told to stop, without waiting for the deadline', async () => {
    const asked = Date.now();
    expect(
      await pollUntil(
        () => undefined,
        10_000,
        () => true,
      ),
    ).toBeUndefined();
    expect(Date.now() - asked).toBeLessThan(1_000);
  });

  it('gives up at the deadline', async () => {
    expect(
      await pollUntil(
        () => undefined,
        100,
        () => false,
        10,
      ),
    ).toBeUndefined();
  });
});
