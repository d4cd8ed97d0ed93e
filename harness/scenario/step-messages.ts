import type { Actor } from '../actors/actor.js';
import { stepError, stepFail, type StepOutcome } from './context.js';
import { lastLines } from './observe.js';

// The situations many steps meet, each worded once and with one verdict.
//
// A step naming an actor, raw client or link that no earlier step brought in says nothing about the
// student's program: the rubric's own check (check-actors) rejects nearly all such rubrics, and a failed
// start or join ends the run before the step is reached. What is left is the rubric's mistake, so the
// verdict is error, never fail. An actor that was launched and has since ended is the program's doing: fail.

// A step names an actor that no start or join step of this run launched.
export function actorNeverStarted(name: string, expected = `${name} to be running`): StepOutcome {
  return stepError(expected, `${name} was never started`);
}

// A step uses one of sockgrade's own clients that no connect step opened.
export function clientNeverConnected(name: string, line: number): StepOutcome {
  return stepError(`${name} to be connected`, `${name} never connected (line ${line})`);
}

// A step needs a client's link through the proxy, and the client never joined through it.
export function actorNeverJoined(name: string, expected: string): StepOutcome {
  return stepError(expected, `${name} never joined`);
}

// An actor the step needs has ended (crashed, quit, or was refused): its last lines show why.
export function actorNoLongerRunning(name: string, actor: Actor, expected: string): StepOutcome {
  return stepFail(expected, `${name} is no longer running${lastLines(actor, 6)}`, [name]);
}
