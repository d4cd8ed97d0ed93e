import type { Actor } from './actor.js';
import { waitForActor } from './wait-for.js';

// How a client with no quit command was ended: by which of the person's gestures, or not at all.
export type QuitOutcome = 'already ended' | 'end of input' | 'SIGINT' | 'SIGTERM' | 'still running';

// Ends a client the way a person would when it has no quit command: close its input (Ctrl-D),
// then Ctrl-C (SIGINT), then SIGTERM, each given graceMs to work. Never types anything, so
// nothing reaches the chat. Notes in the transcript how the client ended.
export async function quitLikeAPerson(actor: Actor, graceMs: number): Promise<QuitOutcome> {
  const ended = (): Promise<boolean> => waitForActor(actor, () => !actor.running, graceMs);
  const gestures: readonly [Exclude<QuitOutcome, 'already ended' | 'still running'>, () => void][] = [
    ['end of input', () => actor.closeInput()],
    ['SIGINT', () => actor.signal('SIGINT')],
    ['SIGTERM', () => actor.signal('SIGTERM')],
  ];
  if (!actor.running) return 'already ended';
  for (const [outcome, gesture] of gestures) {
    actor.note(`quit: ${describeGesture(outcome)}`);
    gesture();
    if (await ended()) return outcome;
  }
  actor.note('quit: still running after end of input, SIGINT and SIGTERM');
  return 'still running';
}

function describeGesture(outcome: Exclude<QuitOutcome, 'already ended' | 'still running'>): string {
  switch (outcome) {
    case 'end of input':
      return 'closed its input (no quit command named)';
    case 'SIGINT':
      return 'sent SIGINT (Ctrl-C)';
    case 'SIGTERM':
      return 'sent SIGTERM';
    default: {
      const never: never = outcome;
      return never;
    }
  }
}
