import { describe, expect, it } from 'vitest';
import type { CriterionResult, SubmissionResult } from '../../harness/model/result.js';
import { renderSubmissionPage } from '../../harness/report/html/html-submission-page.js';
import { renderSubmissionMarkdown } from '../../harness/report/formats/render-markdown.js';
import { renderTerminal } from '../../harness/report/formats/render-terminal.js';
import { findCommonFailure } from '../../harness/report/find-common-failure.js';
import { renderJunit } from '../../harness/report/formats/render-junit.js';
import { renderTap } from '../../harness/report/formats/render-tap.js';
import { buildGradescopeResults } from '../../harness/report/formats/render-gradescope.js';
import type { BatchSummary } from '../../harness/model/result.js';

const syntax = 'server.py does not parse as Python 3 (line 132: `def broken(:`): invalid syntax.';

function criterion(id: string, status: CriterionResult['status'], message: string): CriterionResult {
  return {
    id,
    title: `Spec ${id}`,
    mandatory: true,
    visibility: 'visible',
    points: 0,
    maxPoints: 10,
    status,
    message,
    hint: `Hint about spec ${id}.`,
    durationMs: 0,
    evidence: {},
  };
}

function result(criteria: CriterionResult[]): SubmissionResult {
  return {
    submission: 'bayu',
    path: 'submissions/2026/bayu',
    rubric: 'udp-chat',
    rubricPath: 'rubrics/udp-chat.yaml',
    score: 0,
    maxScore: 10 * criteria.length,
    seed: 'c0ffee',
    durationMs: 900,
    gradedAt: '2026-01-01T00:00:00.000Z',
    harness: { version: '0.1.0', isolation: 'netns' },
    criteria,
  };
}

const broken = result(['M1', 'M2', 'M3'].map((id) => criterion(id, 'error', syntax)));
const count = (text: string, part: string): number => text.split(part).length - 1;

describe('one message for one cause', () => {
  it('finds the one error every criterion ended in, and nothing when they differ or only one criterion', () => {
    expect(findCommonFailure(broken.criteria)?.message).toBe(syntax);
    expect(findCommonFailure([criterion('M1', 'error', syntax), criterion('M2', 'error', 'another')])).toBeUndefined();
    expect(findCommonFailure([criterion('M1', 'error', syntax), criterion('M2', 'fail', syntax)])).toBeUndefined();
    expect(findCommonFailure([criterion('M1', 'error', syntax)])).toBeUndefined();
  });

  it('the terminal says it once, with no hint, and one replay of the whole submission', () => {
    const text = renderTerminal(broken, { color: false });
    expect(count(text, syntax)).toBe(1);
    expect(text).not.toContain('Hint about');
    expect(text.split('\n').slice(-5)).toEqual([
      '✗ Not graded: all 3 criteria ended in the same error',
      `  ${syntax}`,
      '  replay: sockgrade grade submissions/2026/bayu --rubric rubrics/udp-chat.yaml --seed c0ffee --out reports-replay/bayu',
      '  (its reports go to reports-replay/bayu, a folder of its own: no other report changes)',
      '',
    ]);
  });

  it('Markdown says it once, below a verdict table that points to it', () => {
    const markdown = renderSubmissionMarkdown(broken);
    expect(markdown).toContain('| ✗ | M2 | Spec M2 | 0/10 | the same error, below |');
    expect(markdown).toContain(
      '### ✗ Not graded: all 3 criteria ended in the same error\n\nserver.py does not parse as Python 3 (line 132: \\`def broken(:\\`): invalid syntax.\n\n',
    );
    expect(count(markdown, 'does not parse')).toBe(1);
    expect(markdown).not.toContain('Hint');
    expect(markdown).toContain(
      '`sockgrade grade submissions/2026/bayu --rubric rubrics/udp-chat.yaml --seed c0ffee --out reports-replay/bayu`',
    );
  });

  it('HTML says it once in one section, which every verdict links to', () => {
    const html = renderSubmissionPage(broken);
    expect(count(html, 'does not parse')).toBe(1);
    expect(html.match(/<section class="criterion /g)).toHaveLength(1);
    expect(html).toContain('<h3>Not graded: all 3 criteria ended in the same error</h3>');
    expect(html).toContain('<a href="#not-graded">M3</a>');
    expect(html).not.toContain('Hint');
  });

  it('JUnit says it once: the first testcase holds the error, the others point to it, the counts stay', () => {
    const xml = renderJunit([broken], { rubric: 'udp-chat', durationMs: 900 } as BatchSummary);
    expect(count(xml, 'does not parse')).toBe(1);
    expect(count(xml, '<error ')).toBe(3);
    expect(xml).toContain(
      '<error message="Not graded: all 3 criteria ended in the same error" type="error">server.py does not parse',
    );
    expect(xml).toContain(
      '<error message="The same error as M1: this submission could not be graded at all (the reason is given once, under M1)." type="error"/>',
    );
    expect(xml).toContain(
      'Replay: sockgrade grade submissions/2026/bayu --rubric rubrics/udp-chat.yaml --seed c0ffee --out reports-replay/bayu',
    );
    expect(xml).toMatch(/<testsuite name="bayu" tests="3" failures="0" errors="3"/);
    expect(xml).not.toContain('Hint');
  });

  it('TAP says it once: three not-ok points, the reason and replay under the first only', () => {
    const tap = renderTap([broken]);
    expect(count(tap, 'does not parse')).toBe(1);
    expect(count(tap, '    not ok ')).toBe(3);
    expect(count(tap, 'The same error as M1')).toBe(2);
    expect(count(tap, 'replay: ')).toBe(1);
    expect(tap).not.toContain('Hint');
  });

  it('Gradescope says it once: in the summary and the first test, the other tests point to it', () => {
    const json = buildGradescopeResults(broken);
    const text = JSON.stringify(json);
    expect(count(json.output, 'does not parse')).toBe(1);
    expect(json.tests[0]?.output).toContain(
      'Not graded: all 3 criteria ended in the same error:\nserver.py does not parse',
    );
    expect(json.tests.slice(1).map((t) => t.output)).toEqual([
      'The same error as M1: this submission could not be graded at all (the reason is given once, under M1).',
      'The same error as M1: this submission could not be graded at all (the reason is given once, under M1).',
    ]);
    expect(count(text, 'does not parse')).toBe(2);
    expect(json.tests.map((t) => t.status)).toEqual(['failed', 'failed', 'failed']);
    expect(text).not.toContain('Hint');
  });

  it('still explains each criterion when they failed for different reasons', () => {
    const mixed = result([criterion('M1', 'error', syntax), criterion('M2', 'fail', 'no reply')]);
    const text = renderTerminal(mixed, { color: false });
    expect(text).toContain('Hint about spec M1.');
    expect(text).not.toContain('Not graded');
  });
});
