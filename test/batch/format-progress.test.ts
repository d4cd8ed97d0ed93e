import { describe, expect, it } from 'vitest';
import { formatLegend, formatProgress } from '../../harness/batch/format-progress.js';
import { formatClassSummary } from '../../harness/batch/format-class-summary.js';
import type { CriterionResult, Status, SubmissionResult } from '../../harness/model/result.js';

function criterion(id: string, status: Status): CriterionResult {
  return {
    id,
    title: id,
    mandatory: true,
    visibility: 'visible',
    points: 0,
    maxPoints: 10,
    status,
    message: '',
    durationMs: 0,
    evidence: {},
  };
}

function result(submission: string, score: number, statuses: Status[]): SubmissionResult {
  return {
    submission,
    path: `/s/${submission}`,
    rubric: 'udp-chat',
    score,
    maxScore: 60,
    seed: 's',
    durationMs: 0,
    gradedAt: '2024-05-01T10:00:00.000Z',
    harness: { version: '0.1.0', isolation: 'netns' },
    criteria: statuses.map((status, i) => criterion(`M${i + 1}`, status)),
  };
}

describe('formatProgress', () => {
  it('prints the counter, the name, the score and a mark per criterion', () => {
    expect(
      formatProgress(8, 14, result('m1-server-silent', 50, ['fail', 'pass', 'pass', 'pass', 'pass', 'pass']), 22),
    ).toBe('[8/14]  m1-server-silent         50/60  M1✗ M2✓ M3✓ M4✓ M5✓ M6✓');
    expect(
      formatProgress(
        11,
        14,
        result('m2-no-forwarding', 20, ['pass', 'fail', 'pass', 'blocked', 'blocked', 'blocked']),
        22,
      ),
    ).toBe('[11/14] m2-no-forwarding         20/60  M1✓ M2✗ M3✓ M4– M5– M6–');
  });

  it('shows control characters and a newline in a student-chosen name as escapes, padded as shown', () => {
    const line = formatProgress(1, 2, result('evil\x1b[2J\x07na\\me\nrm #1', 60, ['pass']), 30);
    expect(line).toBe('[1/2] evil\\x1b[2J\\x07na\\me\\nrm #1      60/60  M1✓');
  });

  it('marks error, manual and flaky verdicts', () => {
    expect(formatProgress(1, 1, result('x', 0, ['error', 'manual', 'flaky']), 10)).toBe(
      '[1/1] x             0/60  M1! M2? M3~',
    );
  });
});

describe('formatLegend', () => {
  it('explains every mark', () => {
    expect(formatLegend()).toBe('  ✓ pass   ✗ fail   ! error   – blocked   ? manual   ~ flaky');
  });
});

describe('formatClassSummary', () => {
  it('gives the spread of scores and the three criteria the class passed least', () => {
    const criterion = (id: string, status: 'pass' | 'fail' | 'manual', maxPoints = 10) => ({
      id,
      title: id,
      mandatory: false,
      visibility: 'visible' as const,
      points: status === 'pass' ? maxPoints : 0,
      maxPoints,
      status,
      message: '',
      durationMs: 0,
      evidence: {},
    });
    const result = (name: string, score: number, statuses: ('pass' | 'fail')[]) => ({
      submission: name,
      path: name,
      rubric: 'r',
      score,
      maxScore: 40,
      seed: 's',
      durationMs: 0,
      gradedAt: '',
      harness: { version: '0', isolation: 'netns' as const },
      criteria: [...statuses.map((s, i) => criterion(`C${i + 1}`, s)), criterion('O6', 'manual')],
    });
    expect(
      formatClassSummary([
        result('a', 40, ['pass', 'pass', 'pass', 'pass']),
        result('b', 20, ['pass', 'fail', 'pass', 'fail']),
        result('c', 10, ['pass', 'fail', 'fail', 'fail']),
      ]),
    ).toEqual([
      'class: 3 submission(s), mean 58%, median 50%, lowest 25%, highest 100%',
      'least passed: C2 33%, C4 33%, C3 67%',
    ]);
  });
});
