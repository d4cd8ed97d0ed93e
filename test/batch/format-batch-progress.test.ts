import { describe, expect, it } from 'vitest';
import {
  estimateRemainingMs,
  formatBatchProgress,
  formatElapsed,
  formatEstimate,
} from '../../harness/batch/format-batch-progress.js';

describe('formatElapsed', () => {
  it('reads at a glance: seconds, minutes and seconds, hours and minutes', () => {
    expect(formatElapsed(0)).toBe('0s');
    expect(formatElapsed(12_900)).toBe('12s');
    expect(formatElapsed(72_000)).toBe('1m12s');
    expect(formatElapsed(65_000)).toBe('1m05s');
    expect(formatElapsed(3_900_000)).toBe('1h05m');
  });
});

describe('estimateRemainingMs', () => {
  it('has no estimate before the first criterion is done', () => {
    expect(
      estimateRemainingMs({ criteriaDone: 0, criteriaTotal: 10, submissionsDone: 0, submissionsTotal: 2 }, 5_000),
    ).toBeUndefined();
  });

  it('takes the rest at the pace so far', () => {
    expect(
      estimateRemainingMs({ criteriaDone: 2, criteriaTotal: 10, submissionsDone: 0, submissionsTotal: 2 }, 6_000),
    ).toBe(24_000);
    expect(
      estimateRemainingMs({ criteriaDone: 10, criteriaTotal: 10, submissionsDone: 2, submissionsTotal: 2 }, 6_000),
    ).toBe(0);
  });
});

describe('formatEstimate', () => {
  it('rounds as loosely as an estimate deserves', () => {
    expect(formatEstimate(undefined)).toBe('no estimate yet');
    expect(formatEstimate(200)).toBe('about 1s left');
    expect(formatEstimate(40_400)).toBe('about 40s left');
    expect(formatEstimate(230_000)).toBe('about 4m left');
    expect(formatEstimate(3_900_000)).toBe('about 1h05m left');
  });
});

describe('formatBatchProgress', () => {
  it('says criteria and submissions done of how many, the time elapsed and the estimate', () => {
    const progress = { criteriaDone: 57, criteriaTotal: 399, submissionsDone: 2, submissionsTotal: 21 };
    expect(formatBatchProgress(progress, 72_000)).toBe(
      '57/399 criteria, 2/21 submissions, 1m12s elapsed, about 7m left',
    );
  });

  it('says "no estimate yet" before the first verdict and "finishing" once every criterion is done', () => {
    expect(
      formatBatchProgress({ criteriaDone: 0, criteriaTotal: 3, submissionsDone: 0, submissionsTotal: 1 }, 900),
    ).toBe('0/3 criteria, 0/1 submissions, 0s elapsed, no estimate yet');
    expect(
      formatBatchProgress({ criteriaDone: 3, criteriaTotal: 3, submissionsDone: 0, submissionsTotal: 1 }, 4_000),
    ).toBe('3/3 criteria, 0/1 submissions, 4s elapsed, finishing');
  });
});
