import { stringify } from 'yaml';
import type { CriterionResult, SubmissionResult } from '../../model/result.js';
import { buildReplayCommand } from '../build-replay-command.js';
import { assertNever } from '../describe-status.js';
import { revealControlChars, revealName } from '../../model/escape-text.js';
import { formatTranscript, formatWire } from '../format-evidence.js';
import { formatScore } from '../format-values.js';
import { formatStudents } from '../../roster/students-of.js';
import { buildSubmissionReplayCommand } from '../build-replay-command.js';
import { describeCommonFailure, describeSameErrorAs, findCommonFailure } from '../find-common-failure.js';

// A TAP description on one line, where "#" would start a directive and "\" escapes.
export function escapeTapDescription(text: string): string {
  return revealControlChars(text).replace(/\r?\n/g, ' ').replace(/\\/g, '\\\\').replace(/#/g, '\\#');
}

function buildDiagnostics(result: SubmissionResult, criterion: CriterionResult): Record<string, unknown> {
  const { evidence } = criterion;
  const diagnostics: Record<string, unknown> = {
    message: revealControlChars(criterion.message),
    severity: criterion.status,
    points: criterion.points,
    maxPoints: criterion.maxPoints,
  };
  if (criterion.automated !== undefined)
    diagnostics['automated'] = { ...criterion.automated, message: revealControlChars(criterion.automated.message) };
  if (evidence.expected !== undefined) diagnostics['expected'] = revealControlChars(evidence.expected);
  if (evidence.observed !== undefined) diagnostics['observed'] = revealControlChars(evidence.observed);
  if (evidence.notes !== undefined && evidence.notes.length > 0)
    diagnostics['notes'] = evidence.notes.map((note) => revealControlChars(note));
  if (criterion.hint !== undefined) diagnostics['hint'] = criterion.hint;
  if (evidence.transcript !== undefined && evidence.transcript.length > 0)
    diagnostics['transcript'] = formatTranscript(evidence.transcript);
  if (evidence.wire !== undefined && evidence.wire.length > 0) diagnostics['wire'] = formatWire(evidence.wire);
  diagnostics['replay'] = buildReplayCommand(result, criterion);
  return diagnostics;
}

function renderYamlBlock(diagnostics: Record<string, unknown>, indent: string): string[] {
  const yaml = stringify(diagnostics, { lineWidth: 0 }).trimEnd();
  return [`${indent}  ---`, ...yaml.split('\n').map((line) => `${indent}  ${line}`), `${indent}  ...`];
}

// One criterion as a test point: blocked and manual criteria are skipped, the rest pass or fail
// with YAML diagnostics.
function renderTestPoint(
  result: SubmissionResult,
  criterion: CriterionResult,
  number: number,
  indent: string,
): string[] {
  const description = escapeTapDescription(`${criterion.id} ${criterion.title}`);
  const reason = escapeTapDescription(criterion.message);
  switch (criterion.status) {
    case 'pass':
      return [`${indent}ok ${number} - ${description}`];
    case 'blocked':
      return [`${indent}ok ${number} - ${description} # SKIP blocked: ${reason}`];
    case 'manual':
      return [`${indent}ok ${number} - ${description} # SKIP needs manual grading: ${reason}`];
    case 'fail':
    case 'error':
    case 'flaky':
      return [
        `${indent}not ok ${number} - ${description}`,
        ...renderYamlBlock(buildDiagnostics(result, criterion), indent),
      ];
    default:
      return assertNever(criterion.status);
  }
}

// An error that ended every criterion: the first test point carries it, the others point to it.
function renderCommonPoint(
  result: SubmissionResult,
  criterion: CriterionResult,
  common: CriterionResult,
  number: number,
  indent: string,
): string[] {
  const description = escapeTapDescription(`${criterion.id} ${criterion.title}`);
  const diagnostics: Record<string, unknown> =
    criterion === common
      ? {
          message: `${describeCommonFailure(result.criteria.length)}: ${revealControlChars(common.message)}`,
          severity: 'error',
          points: criterion.points,
          maxPoints: criterion.maxPoints,
          ...(common.evidence.notes?.length
            ? { notes: common.evidence.notes.map((note) => revealControlChars(note)) }
            : {}),
          replay: buildSubmissionReplayCommand(result),
        }
      : {
          message: describeSameErrorAs(common),
          severity: 'error',
          points: criterion.points,
          maxPoints: criterion.maxPoints,
        };
  return [`${indent}not ok ${number} - ${description}`, ...renderYamlBlock(diagnostics, indent)];
}

// Whether a submission passes as a whole in TAP: nothing failed, errored or was flaky.
export function isSubmissionOk(result: SubmissionResult): boolean {
  return result.criteria.every(
    (criterion) => criterion.status === 'pass' || criterion.status === 'blocked' || criterion.status === 'manual',
  );
}

// One submission as TAP 14 lines (plan, then a test point per criterion), indented for a subtest.
export function renderSubmissionTapLines(result: SubmissionResult, indent = ''): string[] {
  const common = findCommonFailure(result.criteria);
  return [
    `${indent}1..${result.criteria.length}`,
    ...result.criteria.flatMap((criterion, index) =>
      common === undefined
        ? renderTestPoint(result, criterion, index + 1, indent)
        : renderCommonPoint(result, criterion, common, index + 1, indent),
    ),
  ];
}

// A TAP 14 stream for a batch: a subtest per submission with a test point per criterion.
export function renderTap(results: readonly SubmissionResult[]): string {
  const lines = ['TAP version 14', `1..${results.length}`];
  results.forEach((result, index) => {
    const name = escapeTapDescription(revealName(result.submission));
    lines.push(`# Subtest: ${name}`);
    if (result.students) lines.push(`    # ${escapeTapDescription(revealName(formatStudents(result.students)))}`);
    lines.push(...renderSubmissionTapLines(result, '    '));
    lines.push(
      `${isSubmissionOk(result) ? 'ok' : 'not ok'} ${index + 1} - ${name}: ${formatScore(result.score, result.maxScore)} points`,
    );
  });
  return `${lines.join('\n')}\n`;
}
