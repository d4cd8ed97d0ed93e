import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Actor } from '../../harness/actors/actor.js';
import { answerPrompts, type PromptState } from '../../harness/actors/answer-prompts.js';
import type { PromptKind } from '../../harness/model/implementation.js';
import { waitForActor } from '../../harness/actors/wait-for.js';
import type { TranscriptLine } from '../../harness/model/result.js';
import { compilePattern } from '../../harness/rubric/compile-pattern.js';
import { defaultPrompts } from '../../harness/rubric/rubric-defaults.js';
import { repoRoot } from '../helpers/cli.js';

const client = path.join(repoRoot, 'test', 'fixtures', 'programs', 'prompt-client', 'client.py');
const scripts = mkdtempSync(path.join(tmpdir(), 'sockgrade-prompts-'));
const patterns = Object.fromEntries(
  Object.entries(defaultPrompts).map(([kind, source]) => [kind, compilePattern(source)]),
) as Record<PromptKind, RegExp>;
const answers: Record<PromptKind, string> = { host: '127.31.4.15', port: '40123', name: 'alice', password: 'rahasia' };
const actors: Actor[] = [];

afterEach(() => {
  for (const actor of actors.splice(0)) actor.kill();
});
afterAll(() => rmSync(scripts, { recursive: true, force: true }));

interface Played {
  readonly received: Record<string, string | null>;
  readonly state: PromptState;
  readonly transcript: TranscriptLine[];
  readonly actor: Actor;
}

// Starts the prompt-client fixture on a script and answers its prompts as a join step does.
async function start(script: string[]): Promise<{ actor: Actor; state: PromptState; transcript: TranscriptLine[] }> {
  const file = path.join(scripts, `script-${actors.length}-${Date.now()}.txt`);
  writeFileSync(file, `${script.join('\n')}\n`);
  const transcript: TranscriptLine[] = [];
  const actor = new Actor({
    name: 'alice',
    argv: ['python3', client, file],
    cwd: scripts,
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', PYTHONUNBUFFERED: '1' },
    outputLimitBytes: 1024 * 1024,
    clock: () => transcript.length,
    record: (line) => transcript.push(line),
  });
  actors.push(actor);
  const state = answerPrompts(actor, patterns, answers);
  await actor.start();
  return { actor, state, transcript };
}

// Plays a script to its end; what the program received is the JSON of its last line.
async function play(script: string[]): Promise<Played> {
  const { actor, state, transcript } = await start(script);
  const exit = await Promise.race([
    actor.whenExited(),
    new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 30_000)),
  ]);
  expect(exit, actor.output).toEqual({ kind: 'exited', code: 0 });
  const json = /^RECEIVED (.*)$/m.exec(actor.output)?.[1];
  if (json === undefined) throw new Error(`the client printed no RECEIVED line:\n${actor.output}`);
  return { received: JSON.parse(json) as Record<string, string | null>, state, transcript, actor };
}

const answeredEvents = (transcript: readonly TranscriptLine[]): string[] =>
  transcript.filter((line) => line.stream === 'event' && line.text.startsWith('answered')).map((line) => line.text);

describe('answerPrompts', () => {
  it('answers prompts that end without a newline (input("Enter IP Address: "))', async () => {
    const { received, state, transcript } = await play([
      'ask host Enter IP Address:\\s',
      'ask port Enter Port:\\s',
      'ask name Enter your name:\\s',
      'ask password Password:\\s',
    ]);
    expect(received).toEqual({ host: '127.31.4.15', port: '40123', name: 'alice', password: 'rahasia' });
    expect([...state.answered]).toEqual(['host', 'port', 'name', 'password']);
    expect(answeredEvents(transcript)).toEqual([
      'answered the host prompt',
      'answered the port prompt',
      'answered the name prompt',
      'answered the password prompt',
    ]);
  });

  it('answers prompts printed on a line of their own before input()', async () => {
    const { received } = await play([
      'askline host Masukkan alamat IP server:',
      'askline port Masukkan port server:',
      'askline name Masukkan nama:',
    ]);
    expect(received).toEqual({ host: '127.31.4.15', port: '40123', name: 'alice' });
  });

  it('answers Indonesian prompts (Nama pengguna, Kata sandi)', async () => {
    const { received } = await play([
      'ask host Alamat server:\\s',
      'ask port Port:\\s',
      'ask name Nama pengguna:\\s',
      'ask password Kata sandi:\\s',
    ]);
    expect(received).toEqual({ host: '127.31.4.15', port: '40123', name: 'alice', password: 'rahasia' });
  });

  it('answers a port prompt that comes before the host prompt', async () => {
    const { received, transcript } = await play(['ask port Server port:\\s', 'ask host Server IP:\\s']);
    expect(received).toEqual({ port: '40123', host: '127.31.4.15' });
    expect(answeredEvents(transcript)).toEqual(['answered the port prompt', 'answered the host prompt']);
  });

  it('records the prompt in the transcript before the answer typed to it', async () => {
    const { transcript } = await play(['ask host Enter IP Address:\\s']);
    const lines = transcript.filter((line) => line.stream !== 'event').map((line) => `${line.stream} ${line.text}`);
    expect(lines.slice(0, 2)).toEqual(['stdout Enter IP Address: ', 'stdin 127.31.4.15']);
  });

  // print() writes the banner's text and its newline apart, and the client may already be
  // reading stdin for the next prompt when the harness looks: repeated, so a race shows.
  it('does not answer a banner line as the host prompt (24 clients, 4 at a time)', async () => {
    const script = [
      'say Welcome to the UDP chat server!',
      'ask name Nickname:\\s',
      'ask host Server IP:\\s',
      'ask port Port:\\s',
    ];
    const played: Played[] = [];
    for (let round = 0; round < 6; round++) played.push(...(await Promise.all([1, 2, 3, 4].map(() => play(script)))));
    const mixedUp = played.filter((p) => p.received['name'] !== 'alice' || p.received['host'] !== '127.31.4.15');
    expect(
      mixedUp.map((p) => p.actor.output),
      `${mixedUp.length} of ${played.length} clients got mixed-up answers`,
    ).toEqual([]);
    for (const { transcript } of played) {
      expect(answeredEvents(transcript)).toEqual([
        'answered the name prompt',
        'answered the host prompt',
        'answered the port prompt',
      ]);
    }
  });

  // print() writes its text and its newline separately, so a banner may reach the harness in two
  // pieces; until the newline comes, its first piece looks like an unterminated prompt.
  it('does not answer a banner whose newline arrives a moment after its text', async () => {
    const { received, transcript } = await play([
      'sayslow Welcome to the UDP chat server',
      'ask name Nickname:\\s',
      'ask host Server IP:\\s',
      'ask port Port:\\s',
    ]);
    expect(answeredEvents(transcript)).toEqual([
      'answered the name prompt',
      'answered the host prompt',
      'answered the port prompt',
    ]);
    expect(received).toEqual({ name: 'alice', host: '127.31.4.15', port: '40123' });
  });

  it('answers each kind of prompt once: a re-prompt for the name is left to the user', async () => {
    const { actor, state, transcript } = await start([
      'ask host Server IP:\\s',
      'ask port Port:\\s',
      'ask name Nickname:\\s',
      'say Name taken.',
      'ask name2 Name taken. Nickname:\\s',
    ]);
    const reprompted = await waitForActor(actor, () => /Name taken\. Nickname: $/.test(actor.output), 20_000);
    expect(reprompted, actor.output).toBe(true);
    // The harness answers synchronously on output; had it answered the re-prompt, its line would
    // be in stdin ahead of this one.
    actor.type('typed-by-the-test');
    await actor.whenExited();
    const json = /^RECEIVED (.*)$/m.exec(actor.output)?.[1] ?? '{}';
    expect(JSON.parse(json)).toEqual({ host: '127.31.4.15', port: '40123', name: 'alice', name2: 'typed-by-the-test' });
    expect(answeredEvents(transcript)).toEqual([
      'answered the host prompt',
      'answered the port prompt',
      'answered the name prompt',
    ]);
    expect(state.answered.size).toBe(3);
  });

  it('leaves a prompt it does not recognise unanswered', async () => {
    const { actor, transcript } = await start(['ask other Siapa kamu?\\s']);
    const asked = await waitForActor(actor, () => actor.output.includes('Siapa kamu? '), 20_000);
    expect(asked).toBe(true);
    actor.type('typed-by-the-test');
    await actor.whenExited();
    expect(actor.output).toContain('\nRECEIVED {"other": "typed-by-the-test"}');
    expect(answeredEvents(transcript)).toEqual([]);
  });

  it('marks where the first and the last answer were given in the output', async () => {
    const { state, actor } = await play(['say Hello', 'ask host Server IP:\\s', 'ask port Port:\\s']);
    expect(state.firstAnswerAt).toBe('Hello\nServer IP: '.length);
    expect(state.lastAnswerAt).toBe('Hello\nServer IP: Port: '.length);
    expect(actor.output.slice(state.lastAnswerAt)).toMatch(/^\nRECEIVED /);
  });
});
