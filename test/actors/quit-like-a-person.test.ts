import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Actor } from '../../harness/actors/actor.js';
import { quitLikeAPerson } from '../../harness/actors/quit-like-a-person.js';
import { waitForActor } from '../../harness/actors/wait-for.js';
import type { TranscriptLine } from '../../harness/model/result.js';
import { repoRoot } from '../helpers/cli.js';

const programs = path.join(repoRoot, 'test', 'fixtures', 'programs', 'quit-clients');
const actors: Actor[] = [];

afterEach(() => {
  for (const actor of actors.splice(0)) actor.kill();
});

async function startClient(file: string): Promise<{ actor: Actor; transcript: TranscriptLine[] }> {
  const transcript: TranscriptLine[] = [];
  const actor = new Actor({
    name: 'bob',
    argv: ['python3', file],
    cwd: programs,
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', PYTHONUNBUFFERED: '1' },
    outputLimitBytes: 1024 * 1024,
    clock: () => 0,
    record: (line) => transcript.push(line),
  });
  actors.push(actor);
  await actor.start();
  await waitForActor(actor, () => actor.output.includes('ready'), 5000);
  return { actor, transcript };
}

const events = (transcript: readonly TranscriptLine[]): string[] =>
  transcript.filter((l) => l.stream === 'event').map((l) => l.text);

describe('quitLikeAPerson', () => {
  it('ends a client that stops at end of input by closing its input, typing nothing', async () => {
    const { actor, transcript } = await startClient('ends-on-eof.py');
    expect(await quitLikeAPerson(actor, 2000)).toBe('end of input');
    expect(actor.output).toContain('bye (end of input)');
    expect(actor.output).not.toContain('sent:');
    expect(transcript.filter((l) => l.stream === 'stdin')).toEqual([]);
    expect(events(transcript)).toContain('quit: closed its input (no quit command named)');
  });

  it('ends a client that stops only on Ctrl-C with SIGINT, after its input is closed', async () => {
    const { actor, transcript } = await startClient('ends-on-sigint.py');
    expect(await quitLikeAPerson(actor, 1000)).toBe('SIGINT');
    expect(actor.output).toContain('bye (Ctrl-C)');
    expect(actor.output).not.toContain('sent:');
    expect(events(transcript)).toEqual(
      expect.arrayContaining(['quit: closed its input (no quit command named)', 'quit: sent SIGINT (Ctrl-C)']),
    );
  });

  it('ends a client that ignores end of input and Ctrl-C with SIGTERM', async () => {
    const { actor, transcript } = await startClient('ends-on-sigterm.py');
    expect(await quitLikeAPerson(actor, 1000)).toBe('SIGTERM');
    expect(events(transcript)).toContain('quit: sent SIGTERM');
  });

  it('does nothing to a client that has already ended', async () => {
    const { actor } = await startClient('ends-on-eof.py');
    actor.closeInput();
    await actor.whenExited();
    expect(await quitLikeAPerson(actor, 1000)).toBe('already ended');
  });
});
