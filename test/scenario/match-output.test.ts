import { describe, expect, it } from 'vitest';
import type { Actor } from '../../harness/actors/actor.js';
import type { ExpectStep } from '../../harness/rubric/steps/expect-step.js';
import type { ScenarioContext } from '../../harness/scenario/context.js';
import { markSend } from '../../harness/scenario/mark-send.js';
import { buildMatcher } from '../../harness/scenario/match-output.js';

// Just what matching reads of an actor and of the run: output, names, and the send marks.
function fakeRun(output: string): { actor: Actor; ctx: ScenarioContext } {
  const actor = { name: 'server', output } as Actor;
  const ctx = {
    wire: { records: [] },
    actors: new Map([['server', { actor, impl: { patterns: {} } }]]),
    sendOffsets: new Map<string, number>(),
    sendMark: 0,
  } as unknown as ScenarioContext;
  return { actor, ctx };
}

const integrity = (since: 'send' | 'start'): ExpectStep => ({
  kind: 'expect',
  in: ['server'],
  pattern: /(?:integrity|corrupt)/i,
  patternName: 'integrity',
  mode: 'any',
  since,
  within: 1000,
  line: 1,
});

describe('buildMatcher', () => {
  it('with since: send, ignores what was printed before the last message was typed', () => {
    const { actor, ctx } = fakeRun('server up (message integrity: HMAC)\n');
    markSend(ctx);
    expect(buildMatcher(integrity('start'), ctx).test(actor)).toBe(true);
    expect(buildMatcher(integrity('send'), ctx).test(actor)).toBe(false);
    actor.output += 'alice: message integrity compromised!\n';
    expect(buildMatcher(integrity('send'), ctx).find(actor)).toBe('alice: message integrity compromised!');
  });
});
