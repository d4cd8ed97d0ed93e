import type { BatchSummary, CriterionResult, SubmissionResult } from '../../model/result.js';
import { describeStatus, describeStatusSymbol } from '../describe-status.js';
import { escapeHtml } from '../../model/escape-text.js';
import { formatDuration, formatPercent, formatPoints, formatScore, toPercent } from '../format-values.js';
import { wrapHtmlPage } from './html-page.js';
import { sortScript } from './html-sort-script.js';
import { renderSimilarPairs } from './html-similar-pairs.js';
import { computeCriterionStats, type CriterionStats } from '../summarize-results.js';
import { renderScoreHistogram } from '../svg/svg-histogram.js';
import { renderPassRateChart } from '../svg/svg-pass-rate-chart.js';
import { formatStudents } from '../../roster/students-of.js';

const isolationWarning =
  '<p class="warning">These runs had no network namespaces: processes were isolated by process group only ' +
  'and ports were assigned by the harness.</p>';

// Where a submission's page lives, relative to the class page.
export function linkSubmissionPage(submission: string): string {
  return `${encodeURIComponent(submission)}/index.html`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] ?? 0;
  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function renderMeta(items: readonly (readonly [string, string])[]): string {
  const entries = items.map(([term, value]) => `<div><dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd></div>`);
  return `<dl class="meta">${entries.join('')}</dl>`;
}

function renderSortableHeader(label: string, type: 'text' | 'number', className = '', title?: string): string {
  const classAttribute = className === '' ? '' : ` class="${className}"`;
  const titleAttribute = title === undefined ? '' : ` title="${escapeHtml(title)}"`;
  const button = `<button type="button">${escapeHtml(label)}</button>`;
  return `<th${classAttribute} data-type="${type}"${titleAttribute}>${button}</th>`;
}

function renderStatusCell(criterion: CriterionResult | undefined): string {
  if (criterion === undefined) return '<td class="status" data-value="-1">·</td>';
  const overridden = criterion.overridden === true;
  const points = formatScore(criterion.points, criterion.maxPoints);
  const override = overridden ? ', overridden by the lecturer' : '';
  const title = escapeHtml(`${criterion.id}: ${describeStatus(criterion.status)}, ${points}${override}`);
  const symbol = `<span class="sym status-${criterion.status}">${describeStatusSymbol(criterion.status)}${overridden ? '*' : ''}</span>`;
  return `<td class="status" data-value="${criterion.points}" title="${title}">${symbol}</td>`;
}

function renderSubmissionRow(result: SubmissionResult, stats: readonly CriterionStats[]): string {
  const percent = toPercent(result.score, result.maxScore);
  const link = `<a href="${escapeHtml(linkSubmissionPage(result.submission))}">${escapeHtml(result.submission)}</a>`;
  const statuses = stats.map(({ id }) => renderStatusCell(result.criteria.find((criterion) => criterion.id === id)));
  return [
    '<tr>',
    `<td>${link}${result.students ? `<br><small>${escapeHtml(formatStudents(result.students), true)}</small>` : ''}</td>`,
    `<td class="num" data-value="${result.score}">${formatScore(result.score, result.maxScore)}</td>`,
    `<td class="num" data-value="${percent}">${formatPercent(result.score, result.maxScore)}</td>`,
    ...statuses,
    `<td class="num" data-value="${result.durationMs}">${formatDuration(result.durationMs)}</td>`,
    '</tr>',
  ].join('');
}

function renderSubmissionTable(results: readonly SubmissionResult[], stats: readonly CriterionStats[]): string {
  const headers = [
    renderSortableHeader('Submission', 'text'),
    renderSortableHeader('Score', 'number', 'num'),
    renderSortableHeader('%', 'number', 'num'),
    ...stats.map(({ id, title }) => renderSortableHeader(id, 'number', 'status', `${id} ${title}`)),
    renderSortableHeader('Time', 'number', 'num'),
  ];
  return [
    '<table id="submissions" data-sortable>',
    `<thead><tr>${headers.join('')}</tr></thead>`,
    `<tbody>${results.map((result) => renderSubmissionRow(result, stats)).join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}

function renderCriterionLegend(stats: readonly CriterionStats[]): string {
  const rows = stats.map((criterion) => {
    const hidden = criterion.hidden ? ' <span class="badge status-blocked">hidden</span>' : '';
    return [
      `<tr><td>${escapeHtml(criterion.id)}</td><td>${escapeHtml(criterion.title)}${hidden}</td>`,
      `<td class="num">${formatPoints(criterion.maxPoints)}</td>`,
      `<td class="num">${Math.round(criterion.passRate * 100)}%</td></tr>`,
    ].join('');
  });
  const head = '<tr><th>Id</th><th>Criterion</th><th class="num">Points</th><th class="num">Passed</th></tr>';
  return `<table class="legend-table"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

// The lecturer's page: the score distribution, what the class missed, and every submission.
export function renderClassPage(results: readonly SubmissionResult[], summary: BatchSummary): string {
  const stats = computeCriterionStats(results);
  const percentages = results.map((result) => toPercent(result.score, result.maxScore));
  const mean = percentages.length === 0 ? 0 : percentages.reduce((sum, value) => sum + value, 0) / percentages.length;
  const version = results[0]?.harness.version ?? 'unknown';
  const table = results.length === 0 ? '<p>No submissions were graded.</p>' : renderSubmissionTable(results, stats);
  const body = [
    '<header class="page"><div class="inner">',
    `<h1>${escapeHtml(summary.rubric)} — class report</h1>`,
    renderMeta([
      ['Submissions', String(results.length)],
      ['Mean', `${Math.round(mean)}%`],
      ['Median', `${Math.round(median(percentages))}%`],
      ['Seed', summary.seed],
      ['Isolation', summary.isolation],
      ['Duration', formatDuration(summary.durationMs)],
    ]),
    summary.isolation === 'none' ? isolationWarning : '',
    '</div></header>',
    '<main>',
    '<div class="panels">',
    `<section class="panel grow" id="histogram"><h2>Scores</h2>${renderScoreHistogram(percentages)}</section>`,
    '<section class="panel grow" id="pass-rate"><h2>Pass rate per criterion</h2>',
    `${renderPassRateChart(stats)}${renderCriterionLegend(stats)}</section>`,
    '</div>',
    `<section class="panel"><h2>Submissions</h2>${table}</section>`,
    renderSimilarPairs(summary.similar ?? []),
    '</main>',
    `<footer>sockgrade ${escapeHtml(version)} · rendered from result.json files; ` +
      '<code>sockgrade report &lt;out-dir&gt;</code> renders them again. * marks a lecturer&#39;s override.</footer>',
  ];
  return wrapHtmlPage({ title: `${summary.rubric} — class report`, body: body.join('\n'), script: sortScript });
}
