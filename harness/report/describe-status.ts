import type { CriterionResult, Status } from '../model/result.js';

// Every status in the order reports list and colour them.
export const statusOrder = ['pass', 'fail', 'error', 'blocked', 'manual', 'flaky'] as const satisfies readonly Status[];

// The mark a status gets in a one-line summary: ✓ passed, ✗ fell short, – not decided by a test.
export function describeStatusSymbol(status: Status): string {
  switch (status) {
    case 'pass':
      return '✓';
    case 'fail':
    case 'error':
    case 'flaky':
      return '✗';
    case 'blocked':
    case 'manual':
      return '–';
    default:
      return assertNever(status);
  }
}

// The status as a word a student understands.
export function describeStatus(status: Status): string {
  switch (status) {
    case 'pass':
      return 'passed';
    case 'fail':
      return 'failed';
    case 'error':
      return 'error';
    case 'blocked':
      return 'blocked';
    case 'manual':
      return 'needs manual grading';
    case 'flaky':
      return 'flaky';
    default:
      return assertNever(status);
  }
}

// Whether a verdict says the submission fell short (and so gets a hint and a replay command).
export function isFailing(status: Status): boolean {
  return status === 'fail' || status === 'error' || status === 'flaky';
}

// Whether a criterion deserves an explanation (expected, observed, transcript, replay command).
export function needsExplanation(criterion: CriterionResult): boolean {
  return criterion.status !== 'pass';
}

// Makes a switch over a union exhaustive: a new member does not compile until it is handled.
export function assertNever(value: never): never {
  throw new Error(`unhandled value ${String(value)}`);
}
