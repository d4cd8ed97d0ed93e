import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Actor, describeExit, type ActorLaunch } from '../../harness/actors/actor.js';
import { waitForActor } from '../../harness/actors/wait-for.js';
import type { TranscriptLine } from '../../harness/model/result.js';
import { listProcessTree } from '../../harness/sandbox/process-tree.js';
import { repoRoot } from '../helpers/cli.js';

const programs = path.join(repoRoot, 'test', 'fixtures', 'programs', 'actor-behaviour');
const actors: Actor[] = [];

afterEach(() => {
  for (const actor of actors.splice(0)) actor.kill();
});

// An actor for one fixture, with a clock that counts milliseconds since it was made.
function makeActor(
  argv: string[],
  overrides: Partial<ActorLaunch> = {},
): { actor: Actor; transcript: TranscriptLine[] } {
  const transcript: TranscriptLine[] = [];
  const born = Date.now();
  const actor = new Actor({
    name: 'server',
    argv,
    cwd: programs,
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', PYTHONUNBUFFERED: '1' },
    outputLimitBytes: 1024 * 1024,
    clock: () => Date.now() - born,
    record: (line) => transcript.push(line),
    ...overrides,
  });
  actors.push(actor);
  return { actor, transcript };
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const isZombie = (pid: number): boolean => {
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
};

// Re-checks a condition every 20 ms until it holds or the deadline passes.
async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

describe('Actor', () => {
  it('stops a program that floods its output at the limit: outputFlooded, a flood event, killed', async () => {
    const { actor, transcript } = makeActor(['python3', 'flood.py'], { outputLimitBytes: 64 * 1024 });
    let floods = 0;
    actor.on('flood', () => floods++);
    await actor.start();
    const exit = await actor.whenExited();
    expect(actor.outputFlooded).toBe(true);
    expect(floods).toBe(1);
    expect(exit).toEqual({ kind: 'signaled', signal: 'SIGKILL' });
    expect(Buffer.byteLength(actor.output)).toBeLessThanOrEqual(64 * 1024);
    const events = transcript.filter((line) => line.stream === 'event').map((line) => line.text);
    expect(events).toEqual(['output limit of 64 KB exceeded; stopped', 'killed by SIGKILL']);
  });

  it('ends a program that ignores SIGINT with SIGKILL once the grace period is over', async () => {
    const { actor, transcript } = makeActor(['python3', 'ignore-sigint.py']);
    await actor.start();
    expect(await waitForActor(actor, () => actor.output.includes('ignoring SIGINT'), 10_000)).toBe(true);
    const asked = Date.now();
    const exit = await actor.stop(400);
    expect(exit).toEqual({ kind: 'signaled', signal: 'SIGKILL' });
    expect(Date.now() - asked).toBeGreaterThanOrEqual(350);
    expect(alive(actor.pid as number)).toBe(false);
    expect(transcript.at(-1)).toMatchObject({ stream: 'event', text: 'killed by SIGKILL' });
  });

  it('lets a program that honours SIGINT end by it, before the grace period', async () => {
    const { actor } = makeActor(['python3', 'wait.py']);
    await actor.start();
    expect(await waitForActor(actor, () => actor.output.includes('waiting'), 10_000)).toBe(true);
    const asked = Date.now();
    const exit = await actor.stop(10_000);
    expect(exit).toEqual({ kind: 'signaled', signal: 'SIGINT' });
    expect(Date.now() - asked).toBeLessThan(5_000);
  });

  it('kills the whole process tree, children of a shell included', async () => {
    const { actor } = makeActor(['/bin/sh', '-c', 'python3 ignore-sigint.py; exit 0']);
    await actor.start();
    expect(await waitForActor(actor, () => actor.output.includes('ignoring SIGINT'), 10_000)).toBe(true);
    const tree = listProcessTree(actor.pid as number);
    expect(tree.length).toBeGreaterThanOrEqual(2); // the shell and its python child
    actor.kill();
    expect(await actor.whenExited()).toEqual({ kind: 'signaled', signal: 'SIGKILL' });
    const child = tree.at(-1) as number;
    expect(await waitUntil(() => !alive(child) || isZombie(child), 10_000)).toBe(true);
  });

  it('records stdin, stdout, stderr and events in order, with timestamps', async () => {
    const { actor, transcript } = makeActor(['python3', 'echo.py']);
    await actor.start();
    expect(await waitForActor(actor, () => actor.output.endsWith('> '), 10_000)).toBe(true);
    expect(actor.type('halo')).toBe(true);
    // stdout and stderr arrive through two pipes, in either order: wait for both and the next prompt.
    const answered = (): boolean =>
      actor.output.includes('echo: halo\n') &&
      actor.output.includes('warn: halo\n') &&
      actor.output.split('> ').length === 3;
    expect(await waitForActor(actor, answered, 10_000)).toBe(true);
    actor.note('typed a line');
    actor.type('exit 3');
    expect(await actor.whenExited()).toEqual({ kind: 'exited', code: 3 });
    expect(actor.type('too late')).toBe(false);

    const byStream = (stream: TranscriptLine['stream']): string[] =>
      transcript.filter((line) => line.stream === stream).map((line) => line.text);
    expect(byStream('stdin')).toEqual(['halo', 'exit 3']);
    expect(byStream('stdout')).toEqual(['> ', 'echo: halo', '> ']);
    expect(byStream('stderr')).toEqual(['warn: halo']);
    expect(byStream('event')).toEqual(['typed a line', 'exited with code 3']);
    // An unterminated prompt is written out before what is typed to it.
    expect(transcript.slice(0, 2).map((line) => `${line.stream} ${line.text}`)).toEqual(['stdout > ', 'stdin halo']);
    expect(transcript.at(-1)).toMatchObject({ stream: 'event', text: 'exited with code 3' });
    expect(transcript.every((line) => line.actor === 'server' && Number.isFinite(line.t) && line.t >= 0)).toBe(true);
    const times = transcript.map((line) => line.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('reports a program that cannot be started as spawnFailed', async () => {
    const { actor, transcript } = makeActor(['/nonexistent/server', '--port', '9']);
    await actor.start();
    expect(await actor.whenExited()).toEqual({ kind: 'spawnFailed', message: 'spawn /nonexistent/server ENOENT' });
    expect(actor.running).toBe(false);
    expect(transcript).toEqual([
      {
        t: expect.any(Number) as number,
        actor: 'server',
        stream: 'event',
        text: 'could not start: spawn /nonexistent/server ENOENT',
      },
    ]);
  });

  it('is not running before it starts, and cannot be typed to', async () => {
    const { actor } = makeActor(['python3', 'wait.py']);
    expect(actor.running).toBe(false);
    expect(actor.pid).toBeUndefined();
    expect(actor.type('x')).toBe(false);
    actor.kill(); // nothing to kill: no throw
  });
});

describe('describeExit', () => {
  it('says how a program ended, in words', () => {
    expect(describeExit({ kind: 'exited', code: 0 })).toBe('exited with code 0');
    expect(describeExit({ kind: 'exited', code: 1 })).toBe('exited with code 1');
    expect(describeExit({ kind: 'signaled', signal: 'SIGKILL' })).toBe('killed by SIGKILL');
    expect(describeExit({ kind: 'signaled', signal: 'SIGSEGV' })).toBe('killed by SIGSEGV');
    expect(describeExit({ kind: 'spawnFailed', message: 'spawn ./server EACCES' })).toBe(
      'could not start: spawn ./server EACCES',
    );
  });
});
