import type { TranscriptLine } from '../model/result.js';
import type { Rubric, Criterion } from '../rubric/rubric.js';
import type { Actor } from '../actors/actor.js';
import type { PromptState } from '../actors/answer-prompts.js';
import type { Implementation } from '../model/implementation.js';
import type { BoundSocket } from '../actors/discover-port.js';
import type { Confinement } from '../sandbox/confine-command.js';
import type { WireLog } from '../wire/wire-log.js';
import type { FaultPlan } from '../wire/fault-plan.js';
import type { SeededSource } from './tokens.js';
import type { RawClient } from './raw-client.js';

// A launched actor and what the scenario knows about it.
export interface ActorState {
  readonly actor: Actor;
  readonly role: 'server' | 'client';
  readonly impl: Implementation;
  readonly workdir: string;
  readonly prompts?: PromptState;
  readonly chatName?: string;
  relay?: { close(): void; sever(): void; readonly host: string; readonly port: number };
}

// Everything the steps of one run share.
export interface ScenarioContext {
  readonly rubric: Rubric;
  readonly criterion: Criterion;
  readonly student: Implementation;
  readonly reference: Implementation | undefined;
  readonly runDir: string;
  readonly confinement: Confinement;
  readonly random: SeededSource;
  readonly clock: () => number;
  readonly transcript: TranscriptLine[];
  readonly wire: WireLog;
  readonly actors: Map<string, ActorState>;
  readonly raw: Map<string, RawClient>; // the clients sockgrade plays itself (connect steps)
  server: { readonly name: string; bound: BoundSocket | undefined } | undefined;
  serverPort: number | undefined; // the port the harness told the server, kept across restarts
  serverOwnPort: boolean; // set once a server started without listening on serverPort
  lastToken: string | undefined;
  readonly sentTokens: string[]; // every token typed in this run, for the "unreadable" check
  burstTokens: readonly string[]; // the tokens of the last burst, in order
  sentFile:
    { readonly name: string; readonly size: number; readonly sha256: string; readonly from: string } | undefined;
  sendMark: number; // how many wire records there were when the last send step typed
  readonly sendOffsets: Map<string, number>; // each actor's output length when the last send step typed
  readonly faults: FaultPlan;
  readonly notes: string[]; // evidence gathered by passing steps (probes), kept with the verdict
  readonly teardown: (() => Promise<void> | void)[];
  readonly raise: (outcome: StepOutcome) => void; // ends the run at once, whatever step is running
}

// How a step ended: on, or the verdict it decides with what was expected and seen.
export type StepOutcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly status: 'fail' | 'error' | 'manual';
      readonly expected: string;
      readonly observed: string;
      readonly actors?: readonly string[]; // whose transcript explains it
      readonly fraction?: number; // for steps that measure a share: how much was right
      readonly wire?: readonly number[]; // indexes of the wire records that show it
    };

export const stepOk: StepOutcome = { ok: true };

// A failed expectation: a verdict about the student's program.
export function stepFail(
  expected: string,
  observed: string,
  actors: readonly string[] = [],
  wire?: readonly number[],
): StepOutcome {
  return { ok: false, status: 'fail', expected, observed, actors, ...(wire ? { wire } : {}) };
}

// A check sockgrade cannot make here (a probe that does not read the language): for the lecturer.
export function stepManual(expected: string, observed: string, actors: readonly string[] = []): StepOutcome {
  return { ok: false, status: 'manual', expected, observed, actors };
}

// A program that could not be run at all: says nothing about the spec.
export function stepError(expected: string, observed: string, actors: readonly string[] = []): StepOutcome {
  return { ok: false, status: 'error', expected, observed, actors };
}
