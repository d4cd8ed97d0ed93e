import type { CriterionResult, Status, SubmissionResult } from '../../model/result.js';
import { buildReplayCommand, buildSubmissionReplayCommand, describeReplayNote } from '../build-replay-command.js';
import { describeCommonFailure, findCommonFailure } from '../find-common-failure.js';
import { describeStatus, describeStatusSymbol, isFailing, needsExplanation } from '../describe-status.js';
import { revealControlChars, revealName } from '../../model/escape-text.js';
import { formatTranscript } from '../format-evidence.js';
import { formatDuration, formatPercent, formatPoints, formatIsolation } from '../format-values.js';

// How the terminal report is drawn; the caller decides colour (see detectColor).
export interface TerminalOptions {
  readonly color: boolean;
}

// Wraps text in an ANSI colour code, or leaves it as it is.
export type Paint = (code: string, text: string) => string;

// The painter for a terminal with or without colour.
export function makePaint(color: boolean): Paint {
  return color ? (code, text) => `\x1b[${code}m${text}\x1b[0m` : (_code, text) => text;
}

const maxTitleWidth = 64;

// Colour on a TTY unless NO_COLOR is set or TERM is dumb; FORCE_COLOR turns it on anyway.
export function detectColor(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  if (env['TERM'] === 'dumb') return false;
  return isTTY;
}

function statusColor(status: Status): string {
  switch (status) {
    case 'pass':
      return '32';
    case 'fail':
    case 'flaky':
      return '31';
    case 'error':
      return '33';
    case 'blocked':
    case 'manual':
      return '90';
  }
}

// The widths of the id and title columns of these criteria's lines, so live lines line up with the report's.
export function measureCriterionColumns(criteria: readonly { readonly id: string; readonly title: string }[]): {
  idWidth: number;
  titleWidth: number;
} {
  return {
    idWidth: Math.max(2, ...criteria.map((criterion) => criterion.id.length)),
    titleWidth: Math.min(maxTitleWidth, Math.max(10, ...criteria.map((criterion) => criterion.title.length))),
  };
}

function fitTitle(title: string, width: number): string {
  const revealed = revealControlChars(title);
  return revealed.length > width ? `${revealed.slice(0, width - 1)}…` : revealed.padEnd(width);
}

// One criterion's line of the self-check ("  ✓ M1  The server prints …  10/10"), also printed live as it is decided.
export function renderCriterionLine(
  criterion: CriterionResult,
  idWidth: number,
  titleWidth: number,
  paint: Paint,
): string {
  const symbol = paint(statusColor(criterion.status), describeStatusSymbol(criterion.status));
  const points = `${formatPoints(criterion.points)}/${formatPoints(criterion.maxPoints)}`.padStart(7);
  const word =
    criterion.status === 'pass' || criterion.status === 'fail'
      ? ''
      : paint(statusColor(criterion.status), ` ${describeStatus(criterion.status)}`);
  const override = criterion.overridden === true ? ' (overridden)' : '';
  const id = paint('1', criterion.id.padEnd(idWidth));
  return `  ${symbol} ${id}  ${fitTitle(criterion.title, titleWidth)} ${points}${word}${override}`;
}

function renderExplanation(result: SubmissionResult, criterion: CriterionResult, paint: Paint): string[] {
  const { evidence } = criterion;
  const symbol = paint(statusColor(criterion.status), describeStatusSymbol(criterion.status));
  const title = paint('1', `${criterion.id} ${revealControlChars(criterion.title)}`);
  const lines = ['', `${symbol} ${title} ${paint('90', `(${describeStatus(criterion.status)})`)}`];
  // The message is expected + observed put in a sentence: show those, or the message when absent.
  if (evidence.expected === undefined && evidence.observed === undefined) lines.push(indent(criterion.message, '  '));
  if (evidence.expected !== undefined)
    lines.push(`  ${paint('32', 'expected:')} ${indent(evidence.expected, '    ').trimStart()}`);
  if (evidence.observed !== undefined)
    lines.push(`  ${paint('31', 'observed:')} ${indent(evidence.observed, '    ').trimStart()}`);
  for (const note of evidence.notes ?? []) lines.push(`  ${paint('90', 'note:')} ${revealControlChars(note)}`);
  if (evidence.transcript !== undefined && evidence.transcript.length > 0) {
    lines.push(
      `  ${paint('1', 'transcript:')}`,
      ...formatTranscript(evidence.transcript).map((line) => `    ${paint('2', line)}`),
    );
  }
  if (isFailing(criterion.status)) {
    if (criterion.hint !== undefined) lines.push(`  ${paint('36', 'hint:')} ${criterion.hint}`);
    lines.push(
      `  ${paint('90', 'replay:')} ${buildReplayCommand(result, criterion)}`,
      `  ${paint('90', `(${describeReplayNote(result)})`)}`,
    );
  }
  return lines;
}

// One error that ended every criterion, said once: no per-criterion copies, no hint about a spec.
function renderCommonExplanation(
  result: SubmissionResult,
  common: CriterionResult,
  count: number,
  paint: Paint,
): string[] {
  const symbol = paint(statusColor('error'), describeStatusSymbol('error'));
  return [
    '',
    `${symbol} ${paint('1', describeCommonFailure(count))}`,
    indent(common.message, '  '),
    ...(common.evidence.notes ?? []).map((note) => `  ${paint('90', 'note:')} ${revealControlChars(note)}`),
    `  ${paint('90', 'replay:')} ${buildSubmissionReplayCommand(result)}`,
    `  ${paint('90', `(${describeReplayNote(result)})`)}`,
  ];
}

// Text made safe for a terminal, every line of it indented (continuation lines included).
function indent(text: string, prefix: string): string {
  return revealControlChars(text)
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

// The student's self-check: a line per visible criterion, the score, then evidence and hint per failure.
export function renderTerminal(result: SubmissionResult, options: TerminalOptions): string {
  const paint = makePaint(options.color);
  const criteria = result.criteria.filter((criterion) => criterion.visibility === 'visible');
  const score = criteria.reduce((sum, criterion) => sum + criterion.points, 0);
  const maxScore = criteria.reduce((sum, criterion) => sum + criterion.maxPoints, 0);
  const { idWidth, titleWidth } = measureCriterionColumns(criteria);
  const common = findCommonFailure(criteria);
  const isolation =
    result.harness.isolation === 'none' ? paint('33', 'none (no network namespaces)') : formatIsolation(result.harness);
  const lines = [
    `${paint('1', 'sockgrade check')} · ${result.rubric} · ${revealName(result.submission)}`,
    paint('90', `seed ${result.seed} · isolation `) +
      isolation +
      paint('90', ` · ${formatDuration(result.durationMs)}`),
    '',
    ...criteria.map((criterion) => renderCriterionLine(criterion, idWidth, titleWidth, paint)),
    '',
    `${paint('1', 'Score:')} ${formatPoints(score)}/${formatPoints(maxScore)} (${formatPercent(score, maxScore)})`,
    ...(common
      ? renderCommonExplanation(result, common, criteria.length, paint)
      : criteria.filter(needsExplanation).flatMap((criterion) => renderExplanation(result, criterion, paint))),
  ];
  return `${lines.join('\n')}\n`;
}
