import { z } from 'zod';
import { actorName, durationSchema } from '../schema-fields.js';
import { defineStep, durationOr } from './define-step.js';

// Passes when a byte-identical copy of the sent file appears in a client's working copy.
export interface ReceivedStep {
  readonly kind: 'received';
  readonly in: string;
  readonly within: number;
  readonly line: number;
}

export const receivedStep = defineStep(
  'received',
  z.strictObject({ in: actorName, within: durationSchema.optional() }),
  {
    normalize: (doc, { line, ctx }): ReceivedStep => ({
      kind: 'received',
      in: doc.in,
      within: durationOr(doc.within, ctx.timeouts.expect),
      line,
    }),
    uses: (doc) => [{ role: 'joined', actor: doc.in, path: ['in'] }],
  },
);
