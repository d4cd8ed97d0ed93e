import { z } from 'zod';
import { durationSchema } from '../schema-fields.js';
import { defineStep, durationOr } from './define-step.js';

// Joins many clients at once, each sending messages every other one must print.
export interface CrowdStep {
  readonly kind: 'crowd';
  readonly size: number;
  readonly messages: number;
  readonly within: number;
  readonly line: number;
}

export const crowdStep = defineStep(
  'crowd',
  z.strictObject({
    size: z.number().int().min(2).max(50),
    messages: z.number().int().min(1).max(20),
    within: durationSchema.optional(),
  }),
  {
    normalize: (c, { line, ctx }): CrowdStep => ({
      kind: 'crowd',
      size: c.size,
      messages: c.messages,
      within: durationOr(c.within, ctx.timeouts.expect),
      line,
    }),
    uses: () => [{ role: 'join', actor: 'crowd', path: [] }],
  },
);
