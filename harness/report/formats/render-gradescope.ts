import type { CriterionResult, SubmissionResult } from '../../model/result.js';
import { buildSubmissionReplayCommand } from '../build-replay-command.js';
import { describeExcerptText, describeVerdictText } from '../describe-failure.js';
import { assertNever } from '../describe-status.js';
import { revealControlChars } from '../../model/escape-text.js';
import { describeCommonFailure, describeSameErrorAs, findCommonFailure } from '../find-common-failure.js';
import { formatPoints, formatScore, formatIsolation } from '../format-values.js';
import { formatStudents } from '../../roster/students-of.js';

// One test of Gradescope's results.json, with the field names of its autograder specification.
// `status` is optional there and may only be "passed" or "failed": a criterion graded by hand has
// none, so it is shown neither as passed nor as failed.
export interface GradescopeTest {
  readonly name: string;
  readonly number: string;
  readonly score: number;
  readonly max_score: number;
  readonly status?: 'passed' | 'failed';
  readonly output: string;
  readonly visibility: 'visible' | 'hidden';
  readonly tags: string[];
}

// Gradescope's results.json for one submission.
export interface GradescopeResults {
  readonly score: number;
  readonly execution_time: number;
  readonly output: string;
  readonly tests: GradescopeTest[];
}

// "1 point", "2.5 points".
function describePoints(points: number): string {
  return `${formatPoints(points)} ${points === 1 ? 'point' : 'points'}`;
}

// What a manual criterion says instead of a failure: nobody has graded it yet, and its points
// are not in the autograder's score (max_score 0) until the lecturer grades it on Gradescope.
function describeManual(criterion: CriterionResult): string {
  return `Pending: graded by hand by your lecturer, not by the autograder. Its ${describePoints(criterion.maxPoints)} ${criterion.maxPoints === 1 ? 'is' : 'are'} not part of this score and will be added when it is graded.`;
}

// What a blocked criterion says first: it never ran, and which criterion stopped it.
function describeBlocked(criterion: CriterionResult): string {
  return `${revealControlChars(criterion.message)} It did not run, so it scored 0; its ${describePoints(criterion.maxPoints)} can be earned once what it requires passes.`;
}

// The summary's sentence about the criteria still waiting for the lecturer.
function describeManualSummary(manual: readonly CriterionResult[]): string {
  const points = describePoints(manual.reduce((sum, c) => sum + c.maxPoints, 0));
  const ids = manual.map((c) => c.id).join(', ');
  return manual.length === 1
    ? `${ids} (${points}) is graded by hand, not by the autograder: pending until your lecturer grades it.`
    : `${ids} (${points}) are graded by hand, not by the autograder: pending until your lecturer grades them.`;
}

function buildOutput(
  result: SubmissionResult,
  criterion: CriterionResult,
  common: CriterionResult | undefined,
): string {
  if (common !== undefined) {
    if (criterion !== common) return describeSameErrorAs(common);
    return [
      `${describeCommonFailure(result.criteria.length)}:`,
      revealControlChars(common.message),
      ...(common.evidence.notes ?? []).map((note) => `Note: ${revealControlChars(note)}`),
      `Replay: ${buildSubmissionReplayCommand(result)}`,
    ].join('\n');
  }
  const details = [...describeVerdictText(result, criterion), ...describeExcerptText(criterion)];
  switch (criterion.status) {
    case 'manual':
      return [describeManual(criterion), ...details.slice(1)].join('\n');
    case 'blocked':
      return [describeBlocked(criterion), ...details.slice(1)].join('\n');
    case 'pass':
    case 'fail':
    case 'error':
    case 'flaky':
      return details.join('\n');
    default:
      return assertNever(criterion.status);
  }
}

function buildTest(
  result: SubmissionResult,
  criterion: CriterionResult,
  common: CriterionResult | undefined,
): GradescopeTest {
  const tags = [criterion.mandatory ? 'mandatory' : 'optional', criterion.status];
  if (criterion.overridden === true) tags.push('overridden');
  const output = buildOutput(result, criterion, common);
  const shared = { number: criterion.id, score: criterion.points };
  const rest = { output, visibility: criterion.visibility, tags };
  if (criterion.status === 'manual')
    return { name: `${criterion.title} (graded by hand)`, ...shared, max_score: 0, ...rest };
  return {
    name: criterion.title,
    ...shared,
    max_score: criterion.maxPoints,
    status: criterion.status === 'pass' ? 'passed' : 'failed',
    ...rest,
  };
}

// Gradescope's results.json for one submission: a test per criterion, hidden ones stay hidden,
// manual ones pending, and an error that ended every criterion said once.
export function buildGradescopeResults(result: SubmissionResult): GradescopeResults {
  const visible = result.criteria.filter((criterion) => criterion.visibility === 'visible');
  const passed = visible.filter((criterion) => criterion.status === 'pass').length;
  const manual = result.criteria.filter((criterion) => criterion.status === 'manual');
  const common = findCommonFailure(result.criteria);
  return {
    score: result.score,
    execution_time: Math.round(result.durationMs / 1000),
    output: [
      ...(result.students ? [`${formatStudents(result.students)}.`] : []),
      `sockgrade ${result.harness.version}, rubric ${result.rubric}: ${passed} of ${visible.length} visible criteria passed.`,
      ...(common ? [`${describeCommonFailure(result.criteria.length)}: ${revealControlChars(common.message)}`] : []),
      `Seed ${result.seed}, isolation ${formatIsolation(result.harness)}. Each failed test shows the command that replays it.`,
      `Total ${formatScore(result.score, result.maxScore)}.`,
      ...(manual.length > 0 ? [describeManualSummary(manual)] : []),
    ].join(' '),
    tests: result.criteria.map((criterion) => buildTest(result, criterion, common)),
  };
}

// buildGradescopeResults as the text of results.json.
export function renderGradescope(result: SubmissionResult): string {
  return `${JSON.stringify(buildGradescopeResults(result), null, 2)}\n`;
}
