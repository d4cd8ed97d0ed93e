import { z } from 'zod';
import { actorName, durationSchema } from '../schema-fields.js';
import { defineStep, durationOr } from './define-step.js';

// Passes when the last burst reached a client exactly once each, in order.
export interface DeliveredStep {
  readonly kind: 'delivered';
  readonly in: string;
  readonly within: number;
  readonly line: number;
}

export const deliveredStep = defineStep(
  'delivered',
  z.strictObject({ in: actorName, within: durationSchema.optional() }),
  {
    normalize: (doc, { line, ctx }): DeliveredStep => ({
      kind: 'delivered',
      in: doc.in,
      within: durationOr(doc.within, ctx.timeouts.expect),
      line,
    }),
    uses: (doc) => [{ role: 'joined', actor: doc.in, path: ['in'] }],
  },
);
