import { z } from 'zod';
import type { PathSegment } from '../yaml/format-path.js';
import { anyStep } from './steps/any-step.js';
import { burstStep } from './steps/burst-step.js';
import { closedStep } from './steps/closed-step.js';
import { connectStep } from './steps/connect-step.js';
import { crowdStep } from './steps/crowd-step.js';
import { normalizeWith, usesWith, type ActorUse, type StepContext, type StepTable } from './steps/define-step.js';
import { deliveredStep } from './steps/delivered-step.js';
import { echoedStep } from './steps/echoed-step.js';
import { expectStep } from './steps/expect-step.js';
import { faultStep } from './steps/fault-step.js';
import { fileStep } from './steps/file-step.js';
import { halfCloseStep, resetStep } from './steps/hang-up-step.js';
import { httpStep } from './steps/http-step.js';
import { joinStep } from './steps/join-step.js';
import { probeStep } from './steps/probe-step.js';
import { receivedStep } from './steps/received-step.js';
import { refuteStep } from './steps/refute-step.js';
import { rejectedStep } from './steps/rejected-step.js';
import { sendBytesStep } from './steps/send-bytes-step.js';
import { sendStep } from './steps/send-step.js';
import { severStep } from './steps/sever-step.js';
import { startStep } from './steps/start-step.js';
import { quitStep, restartStep, stopStep } from './steps/stop-step.js';
import { unreadableStep } from './steps/unreadable-step.js';
import { wireStep } from './steps/wire-step.js';

// Every step kind, each declared once in rubric/steps/: the key is the kind a rubric writes, and the
// compiler checks that each definition normalises to a step of that kind. The order is the order of
// the schema's union (and of rubric.schema.json).
const stepDefinitions = {
  any: anyStep,
  start: startStep,
  join: joinStep,
  send: sendStep,
  expect: expectStep,
  refute: refuteStep,
  rejected: rejectedStep,
  wire: wireStep,
  stop: stopStep,
  restart: restartStep,
  quit: quitStep,
  fault: faultStep,
  burst: burstStep,
  delivered: deliveredStep,
  unreadable: unreadableStep,
  file: fileStep,
  received: receivedStep,
  probe: probeStep,
  crowd: crowdStep,
  sever: severStep,
  connect: connectStep,
  'send-bytes': sendBytesStep,
  echoed: echoedStep,
  closed: closedStep,
  'half-close': halfCloseStep,
  reset: resetStep,
  http: httpStep,
};

type Definitions = typeof stepDefinitions;

// The compiler's check that each key names the kind its definition declares and normalises to.
void (stepDefinitions satisfies StepTable<Definitions>);

// Every step kind, for tables typed satisfies Record<StepKind, …>.
export type StepKind = keyof Definitions;

// One step of a scenario, discriminated by kind; the interpreter has one handler per kind.
export type Step = { [K in StepKind]: ReturnType<Definitions[K]['normalize']> }[StepKind];

// A step as the rubric writes it: a map with exactly one key naming its kind.
export type StepDocument = { [K in StepKind]: z.output<Definitions[K]['document']> }[StepKind];

const documents = Object.values(stepDefinitions).map((definition) => definition.document);

// Every step is a map with exactly one key naming its kind.
export const stepSchema = z.union(documents as [z.ZodType, z.ZodType, ...z.ZodType[]]) as z.ZodType<StepDocument>;

// Turns a schema-valid step into its normalised form: a kind, durations in ms, defaults filled, patterns compiled.
export function normalizeStep(step: StepDocument, path: readonly PathSegment[], ctx: StepContext): Step {
  return normalizeWith<Definitions, Step>(stepDefinitions, step, path, ctx);
}

// The actors a schema-valid step involves, each with its path from the step's key.
export function listActorUses(step: StepDocument): ActorUse[] {
  return usesWith(stepDefinitions, step);
}
