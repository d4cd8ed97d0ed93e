import { formatIsolation } from '../format-values.js';
import type { BatchSummary, CriterionResult, SubmissionResult } from '../../model/result.js';
import { assertNever } from '../describe-status.js';
import { describeExcerptText, describeVerdictText } from '../describe-failure.js';
import { escapeXml, revealName } from '../../model/escape-text.js';
import { formatStudents } from '../../roster/students-of.js';
import { buildSubmissionReplayCommand } from '../build-replay-command.js';
import { revealControlChars } from '../../model/escape-text.js';
import { describeCommonFailure, describeSameErrorAs, findCommonFailure } from '../find-common-failure.js';

interface SuiteCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function formatSeconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function formatAttribute(text: string): string {
  return escapeXml(text).replace(/\n/g, '&#10;');
}

function formatAttributes(attributes: Readonly<Record<string, string | number | undefined>>): string {
  return Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${formatAttribute(String(value))}"`)
    .join('');
}

function formatTimestamp(iso: string): string | undefined {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 19);
}

// The JUnit element of a verdict: failure for fail and flaky, error for error, skipped for
// blocked and manual (neither was decided by a test of this run), nothing for a pass.
function renderOutcome(result: SubmissionResult, criterion: CriterionResult): string {
  const message = formatAttribute(criterion.message.split('\n')[0] ?? '');
  const body = escapeXml(describeVerdictText(result, criterion).join('\n'));
  switch (criterion.status) {
    case 'pass':
      return '';
    case 'fail':
    case 'flaky':
      return `<failure message="${message}" type="${criterion.status}">${body}</failure>`;
    case 'error':
      return `<error message="${message}" type="error">${body}</error>`;
    case 'blocked':
      return `<skipped message="${formatAttribute(`blocked: ${criterion.message}`)}"/>`;
    case 'manual':
      return `<skipped message="${formatAttribute(`needs manual grading: ${criterion.message}`)}"/>`;
    default:
      return assertNever(criterion.status);
  }
}

function countSuite(criteria: readonly CriterionResult[]): SuiteCounts {
  const counts: SuiteCounts = { tests: criteria.length, failures: 0, errors: 0, skipped: 0 };
  for (const criterion of criteria) {
    if (criterion.status === 'fail' || criterion.status === 'flaky') counts.failures += 1;
    else if (criterion.status === 'error') counts.errors += 1;
    else if (criterion.status === 'blocked' || criterion.status === 'manual') counts.skipped += 1;
  }
  return counts;
}

// An error that ended every criterion: the first testcase carries it, the others point to it.
function renderCommonError(result: SubmissionResult, criterion: CriterionResult, common: CriterionResult): string {
  if (criterion !== common) {
    return `<error message="${formatAttribute(describeSameErrorAs(common))}" type="error"/>`;
  }
  const heading = describeCommonFailure(result.criteria.length);
  const body = [
    revealControlChars(common.message),
    ...(common.evidence.notes ?? []).map((note) => `Note: ${revealControlChars(note)}`),
    `Replay: ${buildSubmissionReplayCommand(result)}`,
  ].join('\n');
  return `<error message="${formatAttribute(heading)}" type="error">${escapeXml(body)}</error>`;
}

function renderTestcase(
  result: SubmissionResult,
  criterion: CriterionResult,
  common: CriterionResult | undefined,
): string {
  const outcome =
    common === undefined ? renderOutcome(result, criterion) : renderCommonError(result, criterion, common);
  const excerpt =
    common !== undefined || (criterion.status === 'pass' && criterion.overridden !== true)
      ? []
      : describeExcerptText(criterion);
  const override =
    criterion.overridden === true && criterion.status === 'pass' ? describeVerdictText(result, criterion) : [];
  const out = [...override, ...excerpt];
  const systemOut = out.length === 0 ? '' : `\n      <system-out>${escapeXml(out.join('\n'))}</system-out>`;
  const open = `    <testcase${formatAttributes({
    name: `${criterion.id} ${criterion.title}`,
    classname: revealName(result.submission),
    time: formatSeconds(criterion.durationMs),
  })}`;
  if (outcome === '' && systemOut === '') return `${open}/>`;
  return `${open}>${outcome === '' ? '' : `\n      ${outcome}`}${systemOut}\n    </testcase>`;
}

function renderSuite(result: SubmissionResult): string {
  const counts = countSuite(result.criteria);
  const common = findCommonFailure(result.criteria);
  const properties = [
    ['rubric', result.rubric],
    ['score', String(result.score)],
    ['maxScore', String(result.maxScore)],
    ['seed', result.seed],
    ['isolation', formatIsolation(result.harness)],
    ['sockgrade', result.harness.version],
    ...(result.students ? [['students', formatStudents(result.students)]] : []),
  ].map(
    ([name = '', value = '']) => `      <property name="${formatAttribute(name)}" value="${formatAttribute(value)}"/>`,
  );
  return [
    `  <testsuite${formatAttributes({
      name: revealName(result.submission),
      ...counts,
      time: formatSeconds(result.durationMs),
      timestamp: formatTimestamp(result.gradedAt),
    })}>`,
    '    <properties>',
    ...properties,
    '    </properties>',
    ...result.criteria.map((criterion) => renderTestcase(result, criterion, common)),
    '  </testsuite>',
  ].join('\n');
}

// JUnit XML as GitLab and GitHub Actions reporters read it: a testsuite per submission, a testcase per criterion.
export function renderJunit(results: readonly SubmissionResult[], summary: BatchSummary): string {
  const total = results
    .map((result) => countSuite(result.criteria))
    .reduce(
      (sum, counts) => ({
        tests: sum.tests + counts.tests,
        failures: sum.failures + counts.failures,
        errors: sum.errors + counts.errors,
        skipped: sum.skipped + counts.skipped,
      }),
      { tests: 0, failures: 0, errors: 0, skipped: 0 },
    );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${formatAttributes({ name: `sockgrade ${summary.rubric}`, ...total, time: formatSeconds(summary.durationMs) })}>`,
    ...results.map(renderSuite),
    '</testsuites>',
    '',
  ].join('\n');
}
