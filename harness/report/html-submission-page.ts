import type { CriterionResult, SubmissionResult, TranscriptLine } from '../grading/result.js';
import { buildReplayCommand } from './build-replay-command.js';
import { describeStatus, isFailing, needsExplanation } from './describe-status.js';
import { escapeHtml } from './escape-text.js';
import { formatDuration, formatPercent, formatPoints, formatRunTime, toPercent } from './format-values.js';
import { wrapHtmlPage } from './html-page.js';
import { renderSequenceDiagram } from './svg-sequence-diagram.js';

const maxTranscriptLines = 200;

// The fragment id of a criterion's section on its submission page.
export function anchorCriterion(id: string): string {
  return `criterion-${id}`;
}

function renderTranscript(lines: readonly TranscriptLine[]): string {
  const shown = lines.slice(0, maxTranscriptLines);
  const actorWidth = Math.max(0, ...shown.map((line) => line.actor.length));
  const rendered = shown.map(
    (line) =>
      `<span class="line stream-${line.stream}"><span class="t">${formatRunTime(line.t)}</span> <span class="actor">${escapeHtml(line.actor.padEnd(actorWidth), true)}</span> <span class="stream">${line.stream.padEnd(6)}</span> <span class="text">${escapeHtml(line.text, true)}</span></span>`,
  );
  if (lines.length > shown.length)
    rendered.push(`<span class="t">… ${lines.length - shown.length} more lines in result.json</span>`);
  return `<pre class="transcript">${rendered.join('\n')}</pre>`;
}

function renderEvidenceList(criterion: CriterionResult): string {
  const { evidence } = criterion;
  const items: string[] = [];
  if (criterion.automated !== undefined) {
    const { status, points, message } = criterion.automated;
    items.push(
      `<dt>Automated</dt><dd>${escapeHtml(`${describeStatus(status)} (${formatPoints(points)}/${formatPoints(criterion.maxPoints)}): ${message}`)}</dd>`,
    );
  }
  if (evidence.expected !== undefined) items.push(`<dt>Expected</dt><dd>${escapeHtml(evidence.expected)}</dd>`);
  if (evidence.observed !== undefined) items.push(`<dt>Observed</dt><dd>${escapeHtml(evidence.observed)}</dd>`);
  if (evidence.step !== undefined) items.push(`<dt>Step</dt><dd>${evidence.step + 1}</dd>`);
  for (const note of evidence.notes ?? []) items.push(`<dt>Note</dt><dd>${escapeHtml(note)}</dd>`);
  return items.length === 0 ? '' : `<dl class="evidence">${items.join('')}</dl>`;
}

function renderCriterionSection(result: SubmissionResult, criterion: CriterionResult): string {
  const explain = needsExplanation(criterion);
  const open = explain ? ' open' : '';
  const { transcript = [], wire = [] } = criterion.evidence;
  const faults = wire.filter((record) => record.fault !== undefined).length;
  const parts = [
    `<section class="criterion is-${criterion.status}" id="${escapeHtml(anchorCriterion(criterion.id))}" data-status="${criterion.status}">`,
    '<div class="criterion-head">',
    `<span class="badge status-${criterion.status}">${describeStatus(criterion.status)}</span>`,
    criterion.overridden === true ? '<span class="badge overridden">overridden</span>' : '',
    criterion.visibility === 'hidden' ? '<span class="badge status-blocked">hidden</span>' : '',
    `<h3>${escapeHtml(`${criterion.id} ${criterion.title}`)}</h3>`,
    `<span class="points">${formatPoints(criterion.points)}/${formatPoints(criterion.maxPoints)}</span>`,
    '</div>',
    `<p class="message">${escapeHtml(criterion.message)}</p>`,
    renderEvidenceList(criterion),
    isFailing(criterion.status) && criterion.hint !== undefined
      ? `<p class="hint">Hint: ${escapeHtml(criterion.hint)}</p>`
      : '',
    transcript.length > 0
      ? `<details${open}><summary>Transcript (${transcript.length} lines)</summary>${renderTranscript(transcript)}</details>`
      : '',
    wire.length > 0
      ? `<details${open}><summary>Wire (${wire.length} records, ${faults} with a fault)</summary><div class="diagram">${renderSequenceDiagram(wire)}</div></details>`
      : '',
    isFailing(criterion.status)
      ? `<div class="replay"><span>Replay</span><code>${escapeHtml(buildReplayCommand(result, criterion))}</code></div>`
      : '',
    '</section>',
  ];
  return parts.filter((part) => part !== '').join('\n');
}

function renderVerdictTable(result: SubmissionResult): string {
  const rows = result.criteria.map(
    (criterion) =>
      `<tr><td><span class="badge status-${criterion.status}">${describeStatus(criterion.status)}</span></td><td><a href="#${escapeHtml(anchorCriterion(criterion.id))}">${escapeHtml(criterion.id)}</a></td><td>${escapeHtml(criterion.title)}${criterion.overridden === true ? ' *' : ''}</td><td class="num">${formatPoints(criterion.points)}/${formatPoints(criterion.maxPoints)}</td></tr>`,
  );
  return `<table id="verdicts"><thead><tr><th>Verdict</th><th>Id</th><th>Criterion</th><th class="num">Points</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

// Options of a submission page: where the class page is, if there is one.
export interface SubmissionPageOptions {
  readonly classPage?: string;
}

// One submission's page: every verdict with its evidence, and a replay command for each failure.
export function renderSubmissionPage(result: SubmissionResult, options: SubmissionPageOptions = {}): string {
  const percent = toPercent(result.score, result.maxScore);
  const meta: [string, string][] = [
    ['Rubric', result.rubric],
    ['Seed', result.seed],
    ['Isolation', result.harness.isolation],
    ['Graded', result.gradedAt],
    ['Duration', formatDuration(result.durationMs)],
    ['sockgrade', result.harness.version],
  ];
  const warning =
    result.harness.isolation === 'none'
      ? `<p class="warning">Ran without network namespaces${result.harness.isolationNote === undefined ? '' : `: ${escapeHtml(result.harness.isolationNote)}`}</p>`
      : '';
  const body = [
    '<header class="page"><div class="inner">',
    options.classPage === undefined
      ? ''
      : `<nav class="crumbs"><a href="${escapeHtml(options.classPage)}">← class report</a></nav>`,
    `<h1>${escapeHtml(result.submission)}</h1>`,
    `<div class="score-big">${formatPoints(result.score)}<small> / ${formatPoints(result.maxScore)} points · ${formatPercent(result.score, result.maxScore)}</small></div>`,
    `<div class="meter" role="meter" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${Math.round(percent)}"><span style="width:${percent}%"></span></div>`,
    `<dl class="meta">${meta.map(([term, value]) => `<div><dt>${term}</dt><dd>${escapeHtml(value)}</dd></div>`).join('')}</dl>`,
    warning,
    '</div></header>',
    '<main>',
    `<section class="panel" style="margin-bottom:16px"><h2>Verdicts</h2>${renderVerdictTable(result)}</section>`,
    ...result.criteria.map((criterion) => renderCriterionSection(result, criterion)),
    '</main>',
    `<footer>Path: ${escapeHtml(result.path)} · * marks a lecturer's override.</footer>`,
  ];
  return wrapHtmlPage({
    title: `${result.submission} — ${result.rubric}`,
    body: body.filter((part) => part !== '').join('\n'),
  });
}
