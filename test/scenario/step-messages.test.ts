import { describe, expect, it } from 'vitest';
import type { Actor } from '../../harness/actors/actor.js';
import type { ScenarioContext } from '../../harness/scenario/context.js';
import { actorNoLongerRunning } from '../../harness/scenario/step-messages.js';
import { runDeliveredStep } from '../../harness/scenario/steps/delivered-step.js';
import { runHalfCloseStep } from '../../harness/scenario/steps/hang-up-step.js';
import { runRejectedStep } from '../../harness/scenario/steps/rejected-step.js';
import { runSeverStep } from '../../harness/scenario/steps/sever-step.js';
import { runStopStep } from '../../harness/scenario/steps/stop-step.js';

// A run in which nothing was launched or connected: every actor a step names is unknown to it.
const empty = {
  actors: new Map(),
  raw: new Map(),
  server: undefined,
  burstTokens: [],
} as unknown as ScenarioContext;

describe('the situations many steps share', () => {
  it('an actor never started is the same error in every step, with what the step expected', async () => {
    expect(await runStopStep({ kind: 'stop', actor: 'alice', line: 3 }, empty)).toEqual({
      ok: false,
      status: 'error',
      expected: 'alice to be running',
      observed: 'alice was never started',
      actors: [],
    });
    expect(await runDeliveredStep({ kind: 'delivered', in: 'bob', within: 100, line: 4 }, empty)).toMatchObject({
      status: 'error',
      observed: 'bob was never started',
    });
    expect(await runRejectedStep({ kind: 'rejected', actor: 'eve', within: 100, line: 5 }, empty)).toMatchObject({
      status: 'error',
      expected: 'eve to be refused',
      observed: 'eve was never started',
    });
  });

  it('a client of sockgrade never connected, and a link never joined, are errors too', async () => {
    expect(await runHalfCloseStep({ kind: 'half-close', client: 'alice', line: 9 }, empty)).toMatchObject({
      status: 'error',
      expected: 'alice to be connected',
      observed: 'alice never connected (line 9)',
    });
    expect(await runSeverStep({ kind: 'sever', link: 'bob', line: 2 }, empty)).toMatchObject({
      status: 'error',
      expected: 'bob to have a link to cut',
      observed: 'bob never joined',
    });
  });

  it("an actor that has ended is the program's failure, with its last lines", () => {
    const ended = { output: 'hello\nbye\n', exit: { kind: 'exited', code: 1 } } as unknown as Actor;
    expect(actorNoLongerRunning('alice', ended, 'alice to type "hi"')).toEqual({
      ok: false,
      status: 'fail',
      expected: 'alice to type "hi"',
      observed: 'alice is no longer running; last output (it exited with code 1):\n  hello\n  bye',
      actors: ['alice'],
    });
  });
});
