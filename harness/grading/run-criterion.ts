import type { TranscriptLine } from './result.js';
import type { Criterion, Rubric } from '../rubric/rubric.js';
import type { RunOutcome, RunSpec } from '../sandbox/run-spec.js';
import type { ScenarioContext, StepOutcome } from '../scenario/context.js';
import { runScenario } from '../scenario/run-scenario.js';
import { SeededSource } from '../scenario/tokens.js';
import { WireLog } from '../wire/wire-log.js';
import { excerptTranscript, excerptWire } from './excerpt.js';

// Plays one criterion's scenario and turns how it ended into a verdict with its evidence.
export async function runCriterion(spec: RunSpec, rubric: Rubric, criterion: Criterion): Promise<RunOutcome> {
  const started = Date.now();
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
    server: undefined,
    lastToken: undefined,
    sendMark: 0,
    teardown: [],
    raise: (outcome) => raise(outcome),
  };
  const end = await runScenario(ctx, fatal, criterion.timeout ?? rubric.timeouts.run);
  const durationMs = clock();
  if (end.outcome.ok) {
    return { status: 'pass', message: 'All steps passed.', evidence: { transcript: transcript.slice(-20) }, durationMs };
  }
  const { outcome } = end;
  const actors = outcome.actors ?? [];
  return {
    status: outcome.status,
    message: `Expected ${outcome.expected}.\nObserved: ${outcome.observed}`,
    evidence: {
      expected: outcome.expected,
      observed: outcome.observed,
      ...(end.step === undefined ? {} : { step: end.step }),
      transcript: excerptTranscript(transcript, actors, end.at),
      wire: excerptWire(ctx.wire.records, actors, end.at),
    },
    durationMs,
  };
}
