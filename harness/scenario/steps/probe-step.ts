import path from 'node:path';
import { waitForActor } from '../../actors/wait-for.js';
import type { ProbeStep } from '../../rubric/steps/probe-step.js';
import { stepError, stepFail, stepManual, stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { launchActor } from '../launch-actor.js';
import { quoteShellWord } from '../../sandbox/confine-command.js';

// Interpreters ignore the environment and the user's site; a Python script's own folder (the
// probe's) is on its path, never the folder it reads, so a student's ast.py is never imported.
const interpreters: Readonly<Record<string, string>> = {
  '.py': 'python3 -E -s',
  '.sh': 'bash',
  '.js': 'node',
  '.mjs': 'node',
};

// Runs a static probe on the submission's copy, confined like the student's programs, and
// grades by its TAP: every point ok passes; what the probe says is kept as evidence.
export async function runProbeStep(step: ProbeStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const name = `probe-${path.basename(step.run).replace(/\.[^.]+$/, '')}`.toLowerCase();
  const interpreter = interpreters[path.extname(step.run)];
  // The probe's folder (its helpers beside it) is all of the harness the probe's sandbox shows.
  const actor = await launchActor(ctx, {
    name,
    role: 'server',
    impl: ctx.student,
    command: `${interpreter ? `${interpreter} ` : ''}${quoteShellWord(step.run)} .`,
    readable: [path.dirname(step.run)],
  });
  actor.closeInput();
  if (!(await waitForActor(actor, () => !actor.running, step.within))) {
    actor.kill();
    return stepError(
      `the probe ${path.basename(step.run)} to finish within ${step.within / 1000} s`,
      'it was still running',
      [name],
    );
  }
  // Loaded here, not with the worker: most runs have no probe, and tap-parser is slow to load.
  const { describeProbeFailure, parseProbeOutput } = await import('../../probes/parse-probe-output.js');
  const report = parseProbeOutput(stdoutOf(ctx, name));
  for (const point of report.tests) {
    const diag = point.diag ? ` ${JSON.stringify(point.diag)}` : '';
    ctx.notes.push(
      `${path.basename(step.run)}: ${point.ok ? 'ok' : 'not ok'} ${point.name}${point.skip ? ` # SKIP ${point.skip}` : ''}${diag}`,
    );
  }
  if (report.ok) return stepOk;
  if (report.notRead !== undefined) {
    return stepManual(
      `${path.basename(step.run)} to read the submission`,
      `it does not: ${report.notRead}; for the lecturer to grade`,
      [name],
    );
  }
  const broken = report.tests.length === 0 || report.bailout !== undefined;
  const outcome = broken ? stepError : stepFail;
  return outcome(`every test point of ${path.basename(step.run)} to pass`, describeProbeFailure(report), [name]);
}

// What the probe printed on stdout, in order.
function stdoutOf(ctx: ScenarioContext, actor: string): string {
  return ctx.transcript
    .filter((line) => line.actor === actor && line.stream === 'stdout')
    .map((line) => line.text)
    .join('\n');
}
