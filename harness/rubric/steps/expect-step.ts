import { z } from 'zod';
import { durationSchema } from '../schema-fields.js';
import { defineStep, durationOr } from './define-step.js';
import { listUses, matchFields, normalizeMatch, type Match } from './match-fields.js';

// Passes when the text or pattern appears in the actors' output within the deadline.
export interface ExpectStep extends Match {
  readonly kind: 'expect';
  readonly since: 'send' | 'start';
  readonly within: number;
  readonly line: number;
}

export const expectStep = defineStep(
  'expect',
  z.strictObject({
    ...matchFields,
    since: z
      .enum(['send', 'start'])
      .optional()
      .describe(
        'Look only at output printed after the last message was typed (send), or all of it (start, the default)',
      ),
    within: durationSchema.optional(),
  }),
  {
    normalize: (doc, { line, ctx }): ExpectStep => ({
      kind: 'expect',
      ...normalizeMatch(doc, ctx),
      since: doc.since ?? 'start',
      within: durationOr(doc.within, ctx.timeouts.expect),
      line,
    }),
    uses: listUses,
  },
);
