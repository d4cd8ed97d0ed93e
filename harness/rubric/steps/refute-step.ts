import { z } from 'zod';
import { durationSchema } from '../schema-fields.js';
import { defineStep, durationOr } from './define-step.js';
import { listUses, matchFields, normalizeMatch, type Match } from './match-fields.js';

// Passes when the text or pattern does not appear for the whole watch period.
export interface RefuteStep extends Match {
  readonly kind: 'refute';
  readonly near?: string; // fails on this text with 1 or 2 characters changed
  readonly for: number;
  readonly line: number;
}

export const refuteStep = defineStep(
  'refute',
  z.strictObject({
    ...matchFields,
    near: z.string().min(1).optional().describe('Fails on a near miss of this text: 1 or 2 characters changed'),
    for: durationSchema.optional(),
  }),
  {
    normalize: (doc, { line, ctx }): RefuteStep => ({
      kind: 'refute',
      ...normalizeMatch(doc, ctx),
      ...(doc.near === undefined ? {} : { near: doc.near }),
      for: durationOr(doc.for, ctx.timeouts.refute),
      line,
    }),
    uses: listUses,
  },
);
