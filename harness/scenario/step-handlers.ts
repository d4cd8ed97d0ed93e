import type { Step, StepKind } from '../rubric/rubric.js';
import type { ScenarioContext, StepOutcome } from './context.js';
import { runAnyStep } from './steps/any-step.js';
import { runExpectStep } from './steps/expect-step.js';
import { runJoinStep } from './steps/join-step.js';
import { runRefuteStep } from './steps/refute-step.js';
import { runRejectedStep } from './steps/rejected-step.js';
import { runSendStep } from './steps/send-step.js';
import { runStartStep } from './steps/start-step.js';
import { runQuitStep, runRestartStep, runStopStep } from './steps/stop-step.js';
import { runWireStep } from './steps/wire-step.js';
import { runFaultStep } from './steps/fault-step.js';
import { runBurstStep } from './steps/burst-step.js';
import { runDeliveredStep } from './steps/delivered-step.js';
import { runUnreadableStep } from './steps/unreadable-step.js';
import { runFileStep } from './steps/file-step.js';
import { runReceivedStep } from './steps/received-step.js';
import { runProbeStep } from './steps/probe-step.js';
import { runCrowdStep } from './steps/crowd-step.js';
import { runSeverStep } from './steps/sever-step.js';
import { runConnectStep } from './steps/connect-step.js';
import { runSendBytesStep } from './steps/send-bytes-step.js';
import { runEchoedStep } from './steps/echoed-step.js';
import { runClosedStep } from './steps/closed-step.js';
import { runHalfCloseStep, runResetStep } from './steps/hang-up-step.js';
import { runHttpStep } from './steps/http-step.js';

type StepHandler<K extends StepKind> = (step: Extract<Step, { kind: K }>, ctx: ScenarioContext) => Promise<StepOutcome>;

// One handler per step kind: a new kind does not compile until it has one.
export const stepHandlers = {
  start: runStartStep,
  join: runJoinStep,
  send: runSendStep,
  expect: runExpectStep,
  refute: runRefuteStep,
  rejected: runRejectedStep,
  wire: runWireStep,
  stop: runStopStep,
  restart: runRestartStep,
  quit: runQuitStep,
  any: runAnyStep,
  fault: runFaultStep,
  burst: runBurstStep,
  delivered: runDeliveredStep,
  unreadable: runUnreadableStep,
  file: runFileStep,
  received: runReceivedStep,
  probe: runProbeStep,
  crowd: runCrowdStep,
  sever: runSeverStep,
  connect: runConnectStep,
  'send-bytes': runSendBytesStep,
  echoed: runEchoedStep,
  closed: runClosedStep,
  'half-close': runHalfCloseStep,
  reset: runResetStep,
  http: runHttpStep,
} satisfies { [K in StepKind]: StepHandler<K> };

// Dispatches a step to its handler.
export function runStep(step: Step, ctx: ScenarioContext): Promise<StepOutcome> {
  const handler = stepHandlers[step.kind] as StepHandler<typeof step.kind>;
  return handler(step as never, ctx);
}
