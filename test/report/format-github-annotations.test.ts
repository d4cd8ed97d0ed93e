import { describe, expect, it } from 'vitest';
import type { CriterionResult, SubmissionResult } from '../../harness/model/result.js';
import {
  escapeAnnotationData,
  escapeAnnotationProperty,
  formatGithubAnnotations,
} from '../../harness/report/formats/format-github-annotations.js';

function criterion(id: string, status: CriterionResult['status'], message = `${id} went wrong`): CriterionResult {
  return {
    id,
    title: `Title of ${id}`,
    mandatory: false,
    visibility: 'visible',
    points: 0,
    maxPoints: 1,
    status,
    message,
    durationMs: 1,
    evidence: {},
  };
}

function result(submission: string, criteria: CriterionResult[]): SubmissionResult {
  return {
    submission,
    path: `/class/${submission}`,
    rubric: 'udp-chat',
    score: 0,
    maxScore: criteria.length,
    seed: 's',
    durationMs: 1,
    gradedAt: '2026-01-01T00:00:00.000Z',
    harness: { version: '0.1.0', isolation: 'netns' },
    criteria,
  };
}

describe('GitHub annotations', () => {
  it('escapes data and properties as the workflow commands require', () => {
    expect(escapeAnnotationData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeAnnotationProperty('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext%3A a%2Cb');
  });

  it('annotates each criterion that failed, errored or was flaky, and nothing else', () => {
    const lines = formatGithubAnnotations(
      [
        result('alice', [
          criterion('M1', 'pass'),
          criterion('M2', 'fail', 'expected "hi",\nsaw nothing: 100%'),
          criterion('M3', 'blocked'),
          criterion('M4', 'manual'),
        ]),
        result('bo,b', [criterion('M1', 'error'), criterion('M2', 'flaky')]),
      ],
      'reports',
    );
    expect(lines).toEqual([
      '::error title=alice M2 failed::Title of M2: expected "hi",%0Asaw nothing: 100%25',
      '::error title=bo%2Cb M1 error::Title of M1: M1 went wrong',
      '::error title=bo%2Cb M2 flaky::Title of M2: M2 went wrong',
    ]);
  });

  it('stops at ten errors, then says in one notice how many more the reports hold', () => {
    const many = Array.from({ length: 13 }, (_, i) => criterion(`Q${i + 1}`, 'fail'));
    const lines = formatGithubAnnotations([result('carol', many)], 'reports/2026');
    expect(lines).toHaveLength(11);
    expect(lines[9]).toBe('::error title=carol Q10 failed::Title of Q10: Q10 went wrong');
    expect(lines[10]).toBe(
      '::notice title=sockgrade::3 more criteria fell short, not annotated (GitHub shows 10 errors per step); see reports/2026/summary.md',
    );
  });

  it("shows a student's control characters as escapes, never as raw bytes", () => {
    const [line] = formatGithubAnnotations([result('eve', [criterion('M1', 'fail', 'saw \x1b[31mred')])], 'reports');
    expect(line).toBe('::error title=eve M1 failed::Title of M1: saw \\x1b[31mred');
  });
});
