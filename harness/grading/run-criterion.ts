import type { TranscriptLine } from '../model/result.js';
import type { Criterion, Rubric } from '../rubric/rubric.js';
import type { RunOutcome, RunSpec } from '../sandbox/run-spec.js';
import type { ScenarioContext, StepOutcome } from '../scenario/context.js';
import { runScenario } from '../scenario/run-scenario.js';
import { SeededSource } from '../scenario/tokens.js';
import { WireLog } from '../wire/wire-log.js';
import { FaultPlan } from '../wire/fault-plan.js';
import { excerptTranscript, excerptWire } from '../scenario/excerpt.js';
import { watchStarvation } from '../sandbox/watch-starvation.js';

// Plays one criterion's scenario and turns how it ended into a verdict with its evidence.
export async function runCriterion(spec: RunSpec, rubric: Rubric, criterion: Criterion): Promise<RunOutcome> {
  const started = Date.now();
  const starvation = watchStarvation();
  const clock = (): number => Date.now() - started;
  const transcript: TranscriptLine[] = [];
  let raise: (outcome: StepOutcome) => void = () => undefined;
  const fatal = new Promise<StepOutcome>((resolve) => (raise = resolve));
  const ctx: ScenarioContext = {
    rubric,
    criterion,
    student: spec.student,
    reference: spec.reference,
    runDir: spec.runDir,
    confinement: spec.confinement,
    random: new SeededSource(`${spec.seed}/${spec.submission}/${criterion.id}/${spec.attempt}`),
    clock,
    transcript,
    wire: new WireLog(clock),
    actors: new Map(),
    raw: new Map(),
    server: undefined,
    serverPort: undefined,
    serverOwnPort: false,
    lastToken: undefined,
    sentTokens: [],
    burstTokens: [],
    sentFile: undefined,
    sendMark: 0,
    sendOffsets: new Map(),
    faults: new FaultPlan(`${spec.seed}/${spec.submission}/${criterion.id}/${spec.attempt}/faults`),
    notes: [],
    teardown: [],
    raise: (outcome) => raise(outcome),
  };
  const end = await runScenario(ctx, fatal, criterion.timeout ?? rubric.timeouts.run);
  const durationMs = clock();
  // Recorded with every outcome: the batch runs a starved failure again (rerun-starved.ts).
  const starved = { starvation: starvation() };
  const notes = ctx.notes.length > 0 ? { notes: ctx.notes } : {};
  const ownPort = ctx.serverOwnPort ? { serverOwnPort: true as const } : {};
  if (end.outcome.ok) {
    return {
      status: 'pass',
      message: 'All steps passed.',
      evidence: { transcript: transcript.slice(-20), ...notes },
      durationMs,
      ...ownPort,
      ...starved,
    };
  }
  const { outcome } = end;
  // Besides the actors the step names: the server, and any program that ended during the run,
  // whose traceback or exit is often the real cause.
  const ended = [...ctx.actors.entries()].filter(([, state]) => state.actor.exit !== undefined).map(([name]) => name);
  const actors = [...new Set([...(outcome.actors ?? []), ...(ctx.server ? [ctx.server.name] : []), ...ended])];
  const shown = outcome.wire?.flatMap((index) => ctx.wire.records[index] ?? []).slice(0, 40);
  return {
    status: outcome.status,
    message: `Expected ${outcome.expected}.\nObserved: ${outcome.observed}`,
    evidence: {
      expected: outcome.expected,
      observed: outcome.observed,
      ...(end.step === undefined ? {} : { step: end.step }),
      transcript: excerptTranscript(transcript, actors, end.at),
      wire: shown ?? excerptWire(ctx.wire.records, actors, end.at),
      ...notes,
    },
    durationMs,
    ...(outcome.fraction === undefined ? {} : { fraction: outcome.fraction }),
    ...ownPort,
    ...starved,
  };
}
