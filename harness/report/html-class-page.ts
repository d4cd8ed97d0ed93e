import type { BatchSummary, CriterionResult, SubmissionResult } from '../grading/result.js';
import { describeStatus, describeStatusSymbol } from './describe-status.js';
import { escapeHtml } from './escape-text.js';
import { formatDuration, formatPercent, formatPoints, toPercent } from './format-values.js';
import { wrapHtmlPage } from './html-page.js';
import { sortScript } from './html-sort-script.js';
import { computeCriterionStats, type CriterionStats } from './summarize-results.js';
import { renderScoreHistogram } from './svg-histogram.js';
import { renderPassRateChart } from './svg-pass-rate-chart.js';

// Where a submission's page lives, relative to the class page.
export function linkSubmissionPage(submission: string): string {
  return `${encodeURIComponent(submission)}/index.html`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function renderMeta(items: readonly (readonly [string, string])[]): string {
  return `<dl class="meta">${items.map(([term, value]) => `<div><dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd></div>`).join('')}</dl>`;
}

function renderStatusCell(criterion: CriterionResult | undefined): string {
  if (criterion === undefined) return '<td class="status" data-value="-1">·</td>';
  const override = criterion.overridden === true ? ', overridden by the lecturer' : '';
  const title = `${criterion.id}: ${describeStatus(criterion.status)}, ${formatPoints(criterion.points)}/${formatPoints(criterion.maxPoints)}${override}`;
  return `<td class="status" data-value="${criterion.points}" title="${escapeHtml(title)}"><span class="sym status-${criterion.status}">${describeStatusSymbol(criterion.status)}${criterion.overridden === true ? '*' : ''}</span></td>`;
}

function renderSubmissionRow(result: SubmissionResult, stats: readonly CriterionStats[]): string {
  const percent = toPercent(result.score, result.maxScore);
  const cells = stats.map((criterion) =>
    renderStatusCell(result.criteria.find((candidate) => candidate.id === criterion.id)),
  );
  return [
    '<tr>',
    `<td><a href="${escapeHtml(linkSubmissionPage(result.submission))}">${escapeHtml(result.submission)}</a></td>`,
    `<td class="num" data-value="${result.score}">${formatPoints(result.score)}/${formatPoints(result.maxScore)}</td>`,
    `<td class="num" data-value="${percent}">${formatPercent(result.score, result.maxScore)}</td>`,
    ...cells,
    `<td class="num" data-value="${result.durationMs}">${formatDuration(result.durationMs)}</td>`,
    '</tr>',
  ].join('');
}

function renderSubmissionTable(results: readonly SubmissionResult[], stats: readonly CriterionStats[]): string {
  const criterionHeaders = stats.map(
    (criterion) =>
      `<th class="status" data-type="number" title="${escapeHtml(`${criterion.id} ${criterion.title}`)}"><button type="button">${escapeHtml(criterion.id)}</button></th>`,
  );
  return [
    '<table id="submissions" data-sortable>',
    '<thead><tr>',
    '<th data-type="text"><button type="button">Submission</button></th>',
    '<th class="num" data-type="number"><button type="button">Score</button></th>',
    '<th class="num" data-type="number"><button type="button">%</button></th>',
    ...criterionHeaders,
    '<th class="num" data-type="number"><button type="button">Time</button></th>',
    '</tr></thead>',
    `<tbody>${results.map((result) => renderSubmissionRow(result, stats)).join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}

function renderCriterionLegend(stats: readonly CriterionStats[]): string {
  const rows = stats.map(
    (criterion) =>
      `<tr><td>${escapeHtml(criterion.id)}</td><td>${escapeHtml(criterion.title)}${criterion.hidden ? ' <span class="badge status-blocked">hidden</span>' : ''}</td><td class="num">${formatPoints(criterion.maxPoints)}</td><td class="num">${Math.round(criterion.passRate * 100)}%</td></tr>`,
  );
  return `<table class="legend-table"><thead><tr><th>Id</th><th>Criterion</th><th class="num">Points</th><th class="num">Passed</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

// The lecturer's page: the score distribution, what the class missed, and every submission.
export function renderClassPage(results: readonly SubmissionResult[], summary: BatchSummary): string {
  const stats = computeCriterionStats(results);
  const percentages = results.map((result) => toPercent(result.score, result.maxScore));
  const mean = percentages.length === 0 ? 0 : percentages.reduce((sum, value) => sum + value, 0) / percentages.length;
  const version = results[0]?.harness.version ?? 'unknown';
  const isolationWarning =
    summary.isolation === 'none'
      ? '<p class="warning">These runs had no network namespaces: processes were isolated by process group only and ports were assigned by the harness.</p>'
      : '';
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
    isolationWarning,
    '</div></header>',
    '<main>',
    '<div class="panels">',
    `<section class="panel grow" id="histogram"><h2>Scores</h2>${renderScoreHistogram(percentages)}</section>`,
    `<section class="panel grow" id="pass-rate"><h2>Pass rate per criterion</h2>${renderPassRateChart(stats)}${renderCriterionLegend(stats)}</section>`,
    '</div>',
    `<section class="panel"><h2>Submissions</h2>${results.length === 0 ? '<p>No submissions were graded.</p>' : renderSubmissionTable(results, stats)}</section>`,
    '</main>',
    `<footer>sockgrade ${escapeHtml(version)} · rendered from result.json files; <code>sockgrade report &lt;out-dir&gt;</code> renders them again. * marks a lecturer's override.</footer>`,
  ].join('\n');
  return wrapHtmlPage({ title: `${summary.rubric} — class report`, body, script: sortScript });
}
