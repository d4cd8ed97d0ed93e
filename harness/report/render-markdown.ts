import type { BatchSummary, CriterionResult, SubmissionResult } from '../grading/result.js';
import { buildReplayCommand } from './build-replay-command.js';
import { describeStatus, describeStatusSymbol, isFailing, needsExplanation } from './describe-status.js';
import { revealControlChars } from './escape-text.js';
import { formatTranscript, formatWire } from './format-evidence.js';
import { formatDuration, formatPercent, formatPoints, toPercent } from './format-values.js';
import { computeCriterionStats } from './summarize-results.js';

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

function renderCriterionDetails(result: SubmissionResult, criterion: CriterionResult): string {
  const { evidence } = criterion;
  const blocks = [
    `### ${describeStatusSymbol(criterion.status)} ${escapeMarkdown(`${criterion.id} ${criterion.title}`)}: ${describeStatus(criterion.status)} (${formatPoints(criterion.points)}/${formatPoints(criterion.maxPoints)})`,
    escapeMarkdown(criterion.message),
  ];
  if (criterion.automated !== undefined) {
    const { status, points, message } = criterion.automated;
    blocks.push(
      `**Automated verdict:** ${describeStatus(status)} (${formatPoints(points)}/${formatPoints(criterion.maxPoints)}): ${escapeMarkdown(message)}`,
    );
  }
  if (evidence.expected !== undefined) blocks.push(formatEvidenceValue('Expected', evidence.expected));
  if (evidence.observed !== undefined) blocks.push(formatEvidenceValue('Observed', evidence.observed));
  for (const note of evidence.notes ?? []) blocks.push(`**Note:** ${escapeMarkdown(note)}`);
  if (criterion.hint !== undefined && isFailing(criterion.status))
    blocks.push(`> **Hint:** ${escapeMarkdown(criterion.hint)}`);
  if (evidence.transcript !== undefined && evidence.transcript.length > 0) {
    blocks.push(
      `<details><summary>Transcript (${evidence.transcript.length} lines)</summary>\n\n${formatCodeBlock(formatTranscript(evidence.transcript))}\n\n</details>`,
    );
  }
  if (evidence.wire !== undefined && evidence.wire.length > 0) {
    blocks.push(
      `<details><summary>Wire (${evidence.wire.length} records)</summary>\n\n${formatCodeBlock(formatWire(evidence.wire))}\n\n</details>`,
    );
  }
  if (isFailing(criterion.status)) blocks.push(`**Replay:** ${formatCodeSpan(buildReplayCommand(result, criterion))}`);
  return blocks.join('\n\n');
}

// Options of the per-submission Markdown: a student's LMS comment leaves hidden criteria out.
export interface SubmissionMarkdownOptions {
  readonly includeHidden?: boolean;
}

// One submission as Markdown: a verdict table, then the evidence of each criterion not passed.
export function renderSubmissionMarkdown(result: SubmissionResult, options: SubmissionMarkdownOptions = {}): string {
  const criteria = result.criteria.filter(
    (criterion) => options.includeHidden !== false || criterion.visibility !== 'hidden',
  );
  const allPassed = criteria.every((criterion) => criterion.status === 'pass');
  const rows = criteria.map(
    (criterion) =>
      `| ${describeStatusSymbol(criterion.status)} | ${escapeMarkdown(criterion.id)} | ${escapeMarkdown(criterion.title)}${criterion.overridden === true ? ' (overridden)' : ''} | ${formatPoints(criterion.points)}/${formatPoints(criterion.maxPoints)} | ${escapeMarkdown(criterion.message)} |`,
  );
  const sections = [
    `## ${allPassed ? '✓' : '✗'} ${escapeMarkdown(result.submission)}: ${formatPoints(result.score)}/${formatPoints(result.maxScore)} (${formatPercent(result.score, result.maxScore)})`,
    `Rubric ${formatCodeSpan(result.rubric)} · seed ${formatCodeSpan(result.seed)} · isolation ${result.harness.isolation} · ${formatDuration(result.durationMs)}`,
    ['| | Id | Criterion | Points | Message |', '|:-:|---|---|--:|---|', ...rows].join('\n'),
    ...criteria.filter(needsExplanation).map((criterion) => renderCriterionDetails(result, criterion)),
  ];
  return `${sections.join('\n\n')}\n`;
}

// The class as Markdown: pass rate per criterion and one line per submission.
export function renderClassMarkdown(results: readonly SubmissionResult[], summary: BatchSummary): string {
  const stats = computeCriterionStats(results);
  const percentages = results.map((result) => toPercent(result.score, result.maxScore));
  const mean = percentages.length === 0 ? 0 : percentages.reduce((sum, value) => sum + value, 0) / percentages.length;
  const criterionRows = stats.map(
    (criterion) =>
      `| ${escapeMarkdown(criterion.id)} | ${escapeMarkdown(criterion.title)} | ${formatPoints(criterion.maxPoints)} | ${criterion.counts.pass}/${criterion.total} (${Math.round(criterion.passRate * 100)}%) | ${criterion.counts.fail + criterion.counts.flaky} | ${criterion.counts.error} | ${criterion.counts.blocked} | ${criterion.counts.manual} |`,
  );
  const submissionRows = results.map((result) => {
    const missed = result.criteria
      .filter((criterion) => criterion.status !== 'pass')
      .map((criterion) => `${describeStatusSymbol(criterion.status)} ${criterion.id}`);
    return `| ${escapeMarkdown(result.submission)} | ${formatPoints(result.score)}/${formatPoints(result.maxScore)} | ${formatPercent(result.score, result.maxScore)} | ${missed.length === 0 ? '—' : escapeMarkdown(missed.join(', '))} |`;
  });
  const sections = [
    `## ${escapeMarkdown(summary.rubric)}: sockgrade class report`,
    `${results.length} submission${results.length === 1 ? '' : 's'} · mean ${Math.round(mean)}% · seed ${formatCodeSpan(summary.seed)} · isolation ${summary.isolation} · ${formatDuration(summary.durationMs)}`,
    [
      '| Id | Criterion | Points | Passed | Failed | Error | Blocked | Manual |',
      '|---|---|--:|--:|--:|--:|--:|--:|',
      ...criterionRows,
    ].join('\n'),
    ['| Submission | Score | % | Not passed |', '|---|--:|--:|---|', ...submissionRows].join('\n'),
  ];
  return `${sections.join('\n\n')}\n`;
}
