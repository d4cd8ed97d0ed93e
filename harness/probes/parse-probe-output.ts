import { Parser, type FinalResults, type Result, type TapError } from 'tap-parser';
import type { ProbeReport, ProbeTestPoint } from './probe-report.js';

export type { ProbeReport, ProbeTestPoint } from './probe-report.js';
export { describeProbeFailure } from './describe-probe-failure.js';

const excerptLines = 3;
const excerptWidth = 120;

// Reads what a probe printed on stdout as TAP 14; whatever it printed, the answer is a report, never an exception.
export function parseProbeOutput(tap: string): ProbeReport {
  const points: ProbeTestPoint[] = [];
  const garbage: string[] = [];
  let final: FinalResults | undefined;
  const parser = new Parser((results: FinalResults) => {
    final = results;
  });
  parser.on('assert', (result: Result) => points.push(toTestPoint(result)));
  parser.on('extra', (line: string) => {
    const text = line.trim();
    if (garbage.length < excerptLines && text !== '')
      garbage.push(text.length > excerptWidth ? `${text.slice(0, excerptWidth - 1)}…` : text);
  });
  parser.end(tap);

  const bailout = final === undefined ? undefined : describeBailout(final.bailout);
  const notRead = final === undefined ? undefined : describeNotRead(final, points.length);
  const problems = final === undefined ? ['the TAP parser did not finish'] : listProblems(final, points, garbage);
  const passed = points.filter((point) => point.ok && !hasDirective(point)).length;
  const failed = points.filter((point) => !point.ok && !hasDirective(point)).length;
  const skipped = points.length - passed - failed;
  const ok = failed === 0 && bailout === undefined && notRead === undefined && problems.length === 0;
  return {
    ok,
    passed,
    failed,
    skipped,
    tests: points,
    ...(bailout === undefined ? {} : { bailout }),
    ...(notRead === undefined ? {} : { notRead }),
    problems: notRead === undefined ? problems : [],
  };
}

// The reason of a skip-all plan ("1..0 # SKIP not read: no Java file"), how a probe says it
// cannot read the submission at all.
function describeNotRead(final: FinalResults, count: number): string | undefined {
  const said = /^(?:skip\s+)?not read:?\s*(.*)$/i.exec(final.plan.skipReason.trim());
  if (count > 0 || !final.plan.skipAll || said === null) return undefined;
  const reason = said[1]?.trim() ?? '';
  return reason === '' ? 'no reason given' : reason;
}

function toTestPoint(result: Result): ProbeTestPoint {
  const skip = directiveReason(result.skip);
  const todo = directiveReason(result.todo);
  const diag = toDiag(result.diag as unknown);
  return {
    ok: result.ok,
    name: result.name,
    ...(skip === undefined ? {} : { skip }),
    ...(todo === undefined ? {} : { todo }),
    ...(diag === undefined ? {} : { diag }),
  };
}

function directiveReason(directive: boolean | string): string | undefined {
  if (directive === false) return undefined;
  return directive === true ? '' : directive;
}

function toDiag(diag: unknown): Record<string, unknown> | undefined {
  if (diag === null || diag === undefined) return undefined;
  if (typeof diag === 'object' && !Array.isArray(diag)) return diag as Record<string, unknown>;
  return { value: diag };
}

function hasDirective(point: ProbeTestPoint): boolean {
  return point.skip !== undefined || point.todo !== undefined;
}

function describeBailout(bailout: boolean | string): string | undefined {
  if (bailout === false) return undefined;
  return bailout === true || bailout.trim() === '' ? 'no reason given' : bailout;
}

function listProblems(final: FinalResults, points: readonly ProbeTestPoint[], garbage: readonly string[]): string[] {
  const problems = final.failures.flatMap((failure) => describeTapError(failure, final, points.length));
  if (points.length === 0 && final.bailout === false) problems.push(describeNoTestPoint(final, garbage));
  return problems;
}

function describeTapError(failure: TapError, final: FinalResults, count: number): string[] {
  const tapError: unknown = failure.tapError;
  if (typeof tapError !== 'string' || tapError === '') return [];
  if (tapError === 'no plan') return ['the probe printed no plan line (1..N)'];
  if (tapError === 'incorrect number of tests') {
    const { start, end } = final.plan;
    const planned = start === null || end === null ? 0 : end - start + 1;
    return [`the plan announced ${planned} test points but the probe printed ${count}`];
  }
  const name: unknown = failure.name;
  const at = typeof name === 'string' && name !== '' ? ` (at "${name}")` : '';
  return [`${tapError}${at}`];
}

function describeNoTestPoint(final: FinalResults, garbage: readonly string[]): string {
  const reason = final.plan.skipReason;
  const plan = final.plan.skipAll && reason !== '' && reason !== 'no tests found' ? ` (its plan says: ${reason})` : '';
  const output = garbage.length === 0 ? '' : `; its output began: ${garbage.join(' | ')}`;
  return `the probe printed no TAP test point${plan}${output}`;
}
