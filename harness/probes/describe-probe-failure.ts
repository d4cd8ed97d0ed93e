import type { ProbeReport, ProbeTestPoint } from './probe-report.js';

const maxFoundItems = 10;

// A probe's shortfall as readable lines for a verdict: failed points with their message, at and found, a bail out, broken TAP.
export function describeProbeFailure(report: ProbeReport): string {
  const total = report.passed + report.failed + report.skipped;
  if (report.ok) {
    const skipped = report.skipped > 0 ? ` (${report.skipped} skipped)` : '';
    return total === 1
      ? `The probe's only check passed${skipped}.`
      : `All ${total} checks of the probe passed${skipped}.`;
  }
  const lines: string[] = [];
  const failures = report.tests.filter((point) => !point.ok && point.skip === undefined && point.todo === undefined);
  if (failures.length > 0) {
    lines.push(`Failed ${failures.length} of ${total} ${total === 1 ? 'check' : 'checks'}:`);
    for (const point of failures) lines.push(...describeFailedPoint(point, report.tests.indexOf(point) + 1));
  }
  if (report.bailout !== undefined) lines.push(`The probe bailed out: ${report.bailout}`);
  if (report.notRead !== undefined) lines.push(`The probe cannot read the submission: ${report.notRead}`);
  if (report.problems.length > 0) {
    lines.push('Its output breaks the TAP contract:', ...report.problems.map((problem) => `  - ${problem}`));
  }
  return lines.join('\n');
}

function describeFailedPoint(point: ProbeTestPoint, position: number): string[] {
  const lines = [`  not ok ${position} - ${point.name}`];
  const { message, at, found } = point.diag ?? {};
  if (message !== undefined) lines.push(`      ${formatScalar(message)}`);
  if (at !== undefined) lines.push(`      at: ${formatAt(at)}`);
  if (found !== undefined) lines.push(...formatFound(found));
  return lines;
}

function formatFound(found: unknown): string[] {
  if (!Array.isArray(found)) return [`      found: ${formatScalar(found)}`];
  if (found.length === 0) return ['      found: nothing'];
  const shown = found.slice(0, maxFoundItems).map((item: unknown) => `        - ${formatScalar(item)}`);
  const more = found.length > maxFoundItems ? [`        … and ${found.length - maxFoundItems} more`] : [];
  return ['      found:', ...shown, ...more];
}

// `at` is a file:line string from our probes, or tapjs's { file, line, column } object.
function formatAt(at: unknown): string {
  if (typeof at !== 'object' || at === null || Array.isArray(at)) return formatScalar(at);
  const { file, line, column } = at as Record<string, unknown>;
  if (typeof file !== 'string') return formatScalar(at);
  return [file, line, column].filter((part) => typeof part === 'string' || typeof part === 'number').join(':');
}

function formatScalar(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return JSON.stringify(value);
}
