import { z } from 'zod';
import { maxSizeBytes } from '../parse-size.js';
import { actorName, durationSchema } from '../schema-fields.js';
import { defineStep, durationOr } from './define-step.js';

// Passes when the server closes the client's connection (FIN) after sending at least minBytes.
export interface ClosedStep {
  readonly kind: 'closed';
  readonly in: string;
  readonly minBytes: number;
  readonly within: number;
  readonly line: number;
}

export const closedStep = defineStep(
  'closed',
  z.union([
    actorName,
    z.strictObject({
      in: actorName,
      minBytes: z
        .number()
        .int()
        .nonnegative()
        .max(maxSizeBytes)
        .optional()
        .describe('Bytes the server must have sent before closing'),
      within: durationSchema.optional(),
    }),
  ]),
  {
    normalize: (doc, { line, ctx }): ClosedStep => {
      const c = typeof doc === 'string' ? { in: doc } : doc;
      return {
        kind: 'closed',
        in: c.in,
        minBytes: c.minBytes ?? 0,
        within: durationOr(c.within, ctx.timeouts.expect),
        line,
      };
    },
    uses: (doc) => [
      typeof doc === 'string'
        ? { role: 'joined', actor: doc, path: [] }
        : { role: 'joined', actor: doc.in, path: ['in'] },
    ],
  },
);
