import type { BatchSummary, CriterionResult, SubmissionResult } from '../../model/result.js';
import { buildReplayCommand, buildSubmissionReplayCommand, describeReplayNote } from '../build-replay-command.js';
import { describeCommonFailure, findCommonFailure } from '../find-common-failure.js';
import { describeLaunch } from '../describe-launch.js';
import { describeStatus, describeStatusSymbol, isFailing, needsExplanation } from '../describe-status.js';
import { revealControlChars, revealName } from '../../model/escape-text.js';
import { formatTranscript, formatWire } from '../format-evidence.js';
import {
  formatDuration,
  formatPercent,
  formatPoints,
  formatScore,
  toPercent,
  formatIsolation,
} from '../format-values.js';
import { computeCriterionStats, type CriterionStats } from '../summarize-results.js';
import { formatStudents } from '../../roster/students-of.js';

// Text made inert for Markdown: no emphasis, links, HTML or table breaks, on one line.
export function escapeMarkdown(text: string): string {
  return revealControlChars(text)
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_{}[\]#|!~]/g, (character) => `\\${character}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

// An inline code span that survives backticks in its content.
export function formatCodeSpan(text: string): string {
  const content = revealControlChars(text).replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = content.startsWith('`') || content.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

// A fenced code block whose fence is longer than any backtick run inside it.
export function formatCodeBlock(lines: readonly string[], info = 'text'): string {
  const longest = Math.max(2, ...lines.flatMap((line) => [...line.matchAll(/`+/g)].map((match) => match[0].length)));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${info}`, ...lines, fence].join('\n');
}

function formatEvidenceValue(label: string, value: string): string {
  const revealed = revealControlChars(value);
  if (!revealed.includes('\n') && revealed.length <= 160) return `**${label}:** ${formatCodeSpan(revealed)}`;
  return `**${label}:**\n\n${formatCodeBlock(revealed.split('\n'))}`;
}

function formatTableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function formatDetails(summary: string, lines: readonly string[]): string {
  return `<details><summary>${summary}</summary>\n\n${formatCodeBlock(lines)}\n\n</details>`;
}

function renderCriterionDetails(result: SubmissionResult, criterion: CriterionResult): string {
  const { evidence } = criterion;
  const failing = isFailing(criterion.status);
  const verdict = `${describeStatus(criterion.status)} (${formatScore(criterion.points, criterion.maxPoints)})`;
  const blocks = [
    `### ${describeStatusSymbol(criterion.status)} ${escapeMarkdown(`${criterion.id} ${criterion.title}`)}: ${verdict}`,
    escapeMarkdown(criterion.message),
  ];
  if (criterion.automated !== undefined) {
    const { status, points, message } = criterion.automated;
    const automated = `${describeStatus(status)} (${formatScore(points, criterion.maxPoints)})`;
    blocks.push(`**Automated verdict:** ${automated}: ${escapeMarkdown(message)}`);
  }
  if (evidence.expected !== undefined) blocks.push(formatEvidenceValue('Expected', evidence.expected));
  if (evidence.observed !== undefined) blocks.push(formatEvidenceValue('Observed', evidence.observed));
  for (const note of evidence.notes ?? []) blocks.push(`**Note:** ${escapeMarkdown(note)}`);
  if (failing && criterion.hint !== undefined) blocks.push(`> **Hint:** ${escapeMarkdown(criterion.hint)}`);
  const { transcript = [], wire = [] } = evidence;
  if (transcript.length > 0) {
    blocks.push(formatDetails(`Transcript (${transcript.length} lines)`, formatTranscript(transcript)));
  }
  if (wire.length > 0) blocks.push(formatDetails(`Wire (${wire.length} records)`, formatWire(wire)));
  if (failing)
    blocks.push(
      `**Replay** (${escapeMarkdown(describeReplayNote(result))}): ${formatCodeSpan(buildReplayCommand(result, criterion))}`,
    );
  return blocks.join('\n\n');
}

// Options of the per-submission Markdown: a student's LMS comment leaves hidden criteria out.
export interface SubmissionMarkdownOptions {
  readonly includeHidden?: boolean;
}

function renderVerdictRow(criterion: CriterionResult, common: boolean): string {
  return formatTableRow([
    describeStatusSymbol(criterion.status),
    escapeMarkdown(criterion.id),
    `${escapeMarkdown(criterion.title)}${criterion.overridden === true ? ' (overridden)' : ''}`,
    formatScore(criterion.points, criterion.maxPoints),
    common ? 'the same error, below' : escapeMarkdown(criterion.message),
  ]);
}

// One error that ended every criterion, said once, with one replay of the whole submission.
function renderCommonDetails(result: SubmissionResult, common: CriterionResult, count: number): string {
  return [
    `### ${describeStatusSymbol('error')} ${escapeMarkdown(describeCommonFailure(count))}`,
    escapeMarkdown(common.message),
    ...(common.evidence.notes ?? []).map((note) => `**Note:** ${escapeMarkdown(note)}`),
    `**Replay** (${escapeMarkdown(describeReplayNote(result))}): ${formatCodeSpan(buildSubmissionReplayCommand(result))}`,
  ].join('\n\n');
}

// One submission as Markdown: a verdict table, then the evidence of each criterion not passed.
export function renderSubmissionMarkdown(result: SubmissionResult, options: SubmissionMarkdownOptions = {}): string {
  const shown = (criterion: CriterionResult): boolean =>
    options.includeHidden !== false || criterion.visibility !== 'hidden';
  const criteria = result.criteria.filter(shown);
  const mark = criteria.every((criterion) => criterion.status === 'pass') ? '✓' : '✗';
  const score = `${formatScore(result.score, result.maxScore)} (${formatPercent(result.score, result.maxScore)})`;
  const facts = [
    `Rubric ${formatCodeSpan(result.rubric)}`,
    `seed ${formatCodeSpan(result.seed)}`,
    `isolation ${formatIsolation(result.harness)}`,
    formatDuration(result.durationMs),
  ];
  const launch = describeLaunch(result.launch);
  const common = findCommonFailure(criteria);
  const sections = [
    `## ${mark} ${escapeMarkdown(revealName(result.submission))}: ${score}`,
    ...(result.students ? [escapeMarkdown(formatStudents(result.students))] : []),
    facts.join(' · '),
    ...(launch === undefined ? [] : [`Launch: ${escapeMarkdown(launch)}`]),
    [
      '| | Id | Criterion | Points | Message |',
      '|:-:|---|---|--:|---|',
      ...criteria.map((c) => renderVerdictRow(c, common !== undefined)),
    ].join('\n'),
    ...(result.notes?.length ? [result.notes.map((note) => `- ${escapeMarkdown(note)}`).join('\n')] : []),
    ...(common
      ? [renderCommonDetails(result, common, criteria.length)]
      : criteria.filter(needsExplanation).map((criterion) => renderCriterionDetails(result, criterion))),
  ];
  return `${sections.join('\n\n')}\n`;
}

function renderCriterionStatsRow(criterion: CriterionStats): string {
  const { counts } = criterion;
  return formatTableRow([
    escapeMarkdown(criterion.id),
    escapeMarkdown(criterion.title),
    formatPoints(criterion.maxPoints),
    `${counts.pass}/${criterion.total} (${Math.round(criterion.passRate * 100)}%)`,
    ...[counts.fail + counts.flaky, counts.error, counts.blocked, counts.manual].map(String),
  ]);
}

function renderSubmissionLine(result: SubmissionResult): string {
  const missed = result.criteria
    .filter((criterion) => criterion.status !== 'pass')
    .map((criterion) => `${describeStatusSymbol(criterion.status)} ${criterion.id}`);
  return formatTableRow([
    escapeMarkdown(
      revealName(result.students ? `${result.submission} (${formatStudents(result.students)})` : result.submission),
    ),
    formatScore(result.score, result.maxScore),
    formatPercent(result.score, result.maxScore),
    missed.length === 0 ? '—' : escapeMarkdown(missed.join(', ')),
  ]);
}

// The class as Markdown: pass rate per criterion and one line per submission.
export function renderClassMarkdown(results: readonly SubmissionResult[], summary: BatchSummary): string {
  const percentages = results.map((result) => toPercent(result.score, result.maxScore));
  const mean = percentages.length === 0 ? 0 : percentages.reduce((sum, value) => sum + value, 0) / percentages.length;
  const facts = [
    `${results.length} submission${results.length === 1 ? '' : 's'}`,
    `mean ${Math.round(mean)}%`,
    `seed ${formatCodeSpan(summary.seed)}`,
    `isolation ${summary.isolation}`,
    formatDuration(summary.durationMs),
  ];
  const criterionHead = [
    '| Id | Criterion | Points | Passed | Failed | Error | Blocked | Manual |',
    '|---|---|--:|--:|--:|--:|--:|--:|',
  ].join('\n');
  const sections = [
    `## ${escapeMarkdown(summary.rubric)}: sockgrade class report`,
    facts.join(' · '),
    [criterionHead, ...computeCriterionStats(results).map(renderCriterionStatsRow)].join('\n'),
    ['| Submission | Score | % | Not passed |', '|---|--:|--:|---|', ...results.map(renderSubmissionLine)].join('\n'),
  ];
  return `${sections.join('\n\n')}\n`;
}
