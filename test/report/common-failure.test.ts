import { describe, expect, it } from 'vitest';
import type { CriterionResult, SubmissionResult } from '../../harness/model/result.js';
import { renderSubmissionPage } from '../../harness/report/html/html-submission-page.js';
import { renderSubmissionMarkdown } from '../../harness/report/formats/render-markdown.js';
import { renderTerminal } from '../../harness/report/formats/render-terminal.js';
import { findCommonFailure } from '../../harness/report/find-common-failure.js';

const syntax = 'server.py does not parse as Python 3 (line 132: `def broken(:`): invalid syntax.';

function criterion(id: string, status: CriterionResult['status'], message: string): CriterionResult {
  return { id, title: `Spec ${id}`, mandatory: true, visibility: 'visible', points: 0, maxPoints: 10, status, message, hint: `Hint about spec ${id}.`, durationMs: 0, evidence: {} };
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
    expect(markdown).toContain('### ✗ Not graded: all 3 criteria ended in the same error\n\nserver.py does not parse as Python 3 (line 132: \\`def broken(:\\`): invalid syntax.\n\n');
    expect(count(markdown, 'does not parse')).toBe(1);
    expect(markdown).not.toContain('Hint');
    expect(markdown).toContain('`sockgrade grade submissions/2026/bayu --rubric rubrics/udp-chat.yaml --seed c0ffee --out reports-replay/bayu`');
  });

  it('HTML says it once in one section, which every verdict links to', () => {
    const html = renderSubmissionPage(broken);
    expect(count(html, 'does not parse')).toBe(1);
    expect(html.match(/<section class="criterion /g)).toHaveLength(1);
    expect(html).toContain('<h3>Not graded: all 3 criteria ended in the same error</h3>');
    expect(html).toContain('<a href="#not-graded">M3</a>');
    expect(html).not.toContain('Hint');
  });

  it('still explains each criterion when they failed for different reasons', () => {
    const mixed = result([criterion('M1', 'error', syntax), criterion('M2', 'fail', 'no reply')]);
    const text = renderTerminal(mixed, { color: false });
    expect(text).toContain('Hint about spec M1.');
    expect(text).not.toContain('Not graded');
  });
});
