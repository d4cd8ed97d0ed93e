import { describe, expect, it } from 'vitest';
import { formatBelowMinScore } from '../../harness/batch/format-below-min-score.js';
import type { SubmissionResult } from '../../harness/model/result.js';

const scored = (submission: string, score: number): SubmissionResult => ({
  submission,
  path: `/class/${submission}`,
  rubric: 'udp-chat',
  score,
  maxScore: 60,
  seed: 's',
  durationMs: 1,
  gradedAt: '2026-01-01T00:00:00.000Z',
  harness: { version: '0.1.0', isolation: 'netns' },
  criteria: [],
});

describe('formatBelowMinScore', () => {
  it('names every submission below the threshold, lowest first, then how many', () => {
    expect(
      formatBelowMinScore([scored('alice', 60), scored('bob', 35.5), scored('carol', 20), scored('dave', 40)], 40),
    ).toEqual([
      'below --min-score 40: carol scored 20/60',
      'below --min-score 40: bob scored 35.5/60',
      '2 of 4 submission(s) scored below --min-score 40',
    ]);
  });

  it('says nothing when every submission reaches it', () => {
    expect(formatBelowMinScore([scored('alice', 40)], 40)).toEqual([]);
  });
});
