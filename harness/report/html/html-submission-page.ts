import type { CriterionResult, SubmissionResult, TranscriptLine } from '../../model/result.js';
import { buildReplayCommand, buildSubmissionReplayCommand, describeReplayNote } from '../build-replay-command.js';
import { describeCommonFailure, findCommonFailure } from '../find-common-failure.js';
import { describeLaunch } from '../describe-launch.js';
import { describeStatus, isFailing, needsExplanation } from '../describe-status.js';
import { escapeHtml } from '../../model/escape-text.js';
import {
  formatDuration,
  formatPercent,
  formatPoints,
  formatRunTime,
  formatScore,
  toPercent,
  formatIsolation,
} from '../format-values.js';
import { wrapHtmlPage } from './html-page.js';
import { renderSequenceDiagram } from '../svg/svg-sequence-diagram.js';
import { formatStudents } from '../../roster/students-of.js';

const maxTranscriptLines = 200;

// The fragment id of a criterion's section on its submission page.
export function anchorCriterion(id: string): string {
  return `criterion-${id}`;
}

function renderBadge(status: CriterionResult['status']): string {
  return `<span class="badge status-${status}">${describeStatus(status)}</span>`;
}

function renderPoints(criterion: CriterionResult): string {
  return formatScore(criterion.points, criterion.maxPoints);
}

function renderTranscriptLine(line: TranscriptLine, actorWidth: number): string {
  return [
    `<span class="line stream-${line.stream}">`,
    `<span class="t">${formatRunTime(line.t)}</span> `,
    `<span class="actor">${escapeHtml(line.actor.padEnd(actorWidth), true)}</span> `,
    `<span class="stream">${line.stream.padEnd(6)}</span> `,
    `<span class="text">${escapeHtml(line.text, true)}</span></span>`,
  ].join('');
}

function renderTranscript(lines: readonly TranscriptLine[]): string {
  const shown = lines.slice(0, maxTranscriptLines);
  const actorWidth = Math.max(0, ...shown.map((line) => line.actor.length));
  const rendered = shown.map((line) => renderTranscriptLine(line, actorWidth));
  const omitted = lines.length - shown.length;
  if (omitted > 0) rendered.push(`<span class="t">… ${omitted} more lines in result.json</span>`);
  return `<pre class="transcript">${rendered.join('\n')}</pre>`;
}

function renderEvidenceList(criterion: CriterionResult): string {
  const { evidence } = criterion;
  const items: [string, string][] = [];
  if (criterion.automated !== undefined) {
    const { status, points, message } = criterion.automated;
    items.push(['Automated', `${describeStatus(status)} (${formatScore(points, criterion.maxPoints)}): ${message}`]);
  }
  if (evidence.expected !== undefined) items.push(['Expected', evidence.expected]);
  if (evidence.observed !== undefined) items.push(['Observed', evidence.observed]);
  if (evidence.step !== undefined) items.push(['Step', String(evidence.step + 1)]);
  for (const note of evidence.notes ?? []) items.push(['Note', note]);
  if (items.length === 0) return '';
  const entries = items.map(([term, value]) => `<dt>${term}</dt><dd>${escapeHtml(value)}</dd>`);
  return `<dl class="evidence">${entries.join('')}</dl>`;
}

function renderCriterionHead(criterion: CriterionResult): string {
  return [
    '<div class="criterion-head">',
    renderBadge(criterion.status),
    criterion.overridden === true ? '<span class="badge overridden">overridden</span>' : '',
    criterion.visibility === 'hidden' ? '<span class="badge status-blocked">hidden</span>' : '',
    `<h3>${escapeHtml(`${criterion.id} ${criterion.title}`)}</h3>`,
    `<span class="points">${renderPoints(criterion)}</span>`,
    '</div>',
  ].join('');
}

function renderExcerpts(criterion: CriterionResult): string[] {
  const open = needsExplanation(criterion) ? ' open' : '';
  const { transcript = [], wire = [] } = criterion.evidence;
  const faults = wire.filter((record) => record.fault !== undefined).length;
  const parts: string[] = [];
  if (transcript.length > 0) {
    const summary = `Transcript (${transcript.length} lines)`;
    parts.push(`<details${open}><summary>${summary}</summary>${renderTranscript(transcript)}</details>`);
  }
  if (wire.length > 0) {
    const summary = `Wire (${wire.length} records, ${faults} with a fault)`;
    const diagram = `<div class="diagram">${renderSequenceDiagram(wire)}</div>`;
    parts.push(`<details${open}><summary>${summary}</summary>${diagram}</details>`);
  }
  return parts;
}

function renderReplay(result: SubmissionResult, command: string): string {
  const replay = `<div class="replay"><span>Replay</span><code>${escapeHtml(command)}</code></div>`;
  return `${replay}<p class="replay-note">${escapeHtml(describeReplayNote(result))}</p>`;
}

function renderCriterionSection(result: SubmissionResult, criterion: CriterionResult): string {
  const failing = isFailing(criterion.status);
  const id = escapeHtml(anchorCriterion(criterion.id));
  const parts = [
    `<section class="criterion is-${criterion.status}" id="${id}" data-status="${criterion.status}">`,
    renderCriterionHead(criterion),
    `<p class="message">${escapeHtml(criterion.message)}</p>`,
    renderEvidenceList(criterion),
    failing && criterion.hint !== undefined ? `<p class="hint">Hint: ${escapeHtml(criterion.hint)}</p>` : '',
    ...renderExcerpts(criterion),
    failing ? renderReplay(result, buildReplayCommand(result, criterion)) : '',
    '</section>',
  ];
  return parts.filter((part) => part !== '').join('\n');
}

// The one section of a submission every criterion of which ended in the same error.
const commonAnchor = 'not-graded';

// That error, said once, with one replay of the whole submission.
function renderCommonSection(result: SubmissionResult, common: CriterionResult, count: number): string {
  const notes = (common.evidence.notes ?? []).map((note) => `<dt>Note</dt><dd>${escapeHtml(note)}</dd>`).join('');
  return [
    `<section class="criterion is-error" id="${commonAnchor}" data-status="error">`,
    `<div class="criterion-head">${renderBadge('error')}<h3>${escapeHtml(describeCommonFailure(count))}</h3></div>`,
    `<p class="message">${escapeHtml(common.message)}</p>`,
    notes === '' ? '' : `<dl class="evidence">${notes}</dl>`,
    renderReplay(result, buildSubmissionReplayCommand(result)),
    '</section>',
  ]
    .filter((part) => part !== '')
    .join('\n');
}

function renderVerdictRow(criterion: CriterionResult, common: boolean): string {
  const cells = [
    renderBadge(criterion.status),
    `<a href="#${escapeHtml(common ? commonAnchor : anchorCriterion(criterion.id))}">${escapeHtml(criterion.id)}</a>`,
    `${escapeHtml(criterion.title)}${criterion.overridden === true ? ' *' : ''}`,
  ];
  return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}<td class="num">${renderPoints(criterion)}</td></tr>`;
}

function renderVerdictTable(result: SubmissionResult, common: boolean): string {
  const head = '<tr><th>Verdict</th><th>Id</th><th>Criterion</th><th class="num">Points</th></tr>';
  const rows = result.criteria.map((c) => renderVerdictRow(c, common)).join('');
  return `<table id="verdicts"><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

function renderHeader(result: SubmissionResult, classPage: string | undefined): string {
  const percent = toPercent(result.score, result.maxScore);
  const meta: [string, string][] = [
    ['Rubric', result.rubric],
    ['Seed', result.seed],
    ['Isolation', formatIsolation(result.harness)],
    ['Graded', result.gradedAt],
    ['Duration', formatDuration(result.durationMs)],
    ['sockgrade', result.harness.version],
    ...(result.launch === undefined ? [] : [['Launch', describeLaunch(result.launch) ?? ''] as [string, string]]),
    ...(result.regrades ?? []).map((r): [string, string] => [
      'Regraded',
      `${r.criteria.join(', ')} on ${r.gradedAt}, seed ${r.seed}`,
    ]),
  ];
  const facts = meta.map(([term, value]) => `<div><dt>${term}</dt><dd>${escapeHtml(value)}</dd></div>`);
  const note = result.harness.isolationNote === undefined ? '' : `: ${escapeHtml(result.harness.isolationNote)}`;
  const score = `${formatPoints(result.maxScore)} points · ${formatPercent(result.score, result.maxScore)}`;
  return [
    '<header class="page"><div class="inner">',
    classPage === undefined ? '' : `<nav class="crumbs"><a href="${escapeHtml(classPage)}">← class report</a></nav>`,
    `<h1>${escapeHtml(result.submission)}</h1>`,
    result.students ? `<p class="students">${escapeHtml(formatStudents(result.students), true)}</p>` : '',
    `<div class="score-big">${formatPoints(result.score)}<small> / ${score}</small></div>`,
    `<div class="meter" role="meter" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${Math.round(percent)}">`,
    `<span style="width:${percent}%"></span></div>`,
    `<dl class="meta">${facts.join('')}</dl>`,
    result.harness.isolation === 'none' ? `<p class="warning">Ran without network namespaces${note}</p>` : '',
    ...(result.notes ?? []).map((line) => `<p class="warning">${escapeHtml(line, true)}</p>`),
    '</div></header>',
  ].join('\n');
}

// Options of a submission page: where the class page is, if there is one.
export interface SubmissionPageOptions {
  readonly classPage?: string;
}

// One submission's page: every verdict with its evidence, and a replay command for each failure.
export function renderSubmissionPage(result: SubmissionResult, options: SubmissionPageOptions = {}): string {
  const common = findCommonFailure(result.criteria);
  const body = [
    renderHeader(result, options.classPage),
    '<main>',
    `<section class="panel verdicts"><h2>Verdicts</h2>${renderVerdictTable(result, common !== undefined)}</section>`,
    ...(common
      ? [renderCommonSection(result, common, result.criteria.length)]
      : result.criteria.map((criterion) => renderCriterionSection(result, criterion))),
    '</main>',
    `<footer>Path: ${escapeHtml(result.path)} · * marks a lecturer's override.</footer>`,
  ];
  return wrapHtmlPage({ title: `${result.submission} — ${result.rubric}`, body: body.join('\n') });
}
