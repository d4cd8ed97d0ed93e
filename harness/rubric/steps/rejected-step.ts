import { z } from 'zod';
import { actorName, durationSchema } from '../schema-fields.js';
import { defineStep, durationOr } from './define-step.js';

// Passes when a client is refused: it prints the refused pattern, or exits.
export interface RejectedStep {
  readonly kind: 'rejected';
  readonly actor: string;
  readonly within: number;
  readonly line: number;
}

export const rejectedStep = defineStep(
  'rejected',
  z.union([actorName, z.strictObject({ actor: actorName, within: durationSchema.optional() })]),
  {
    normalize: (doc, { line, ctx }): RejectedStep => {
      const r = typeof doc === 'string' ? { actor: doc } : doc;
      return { kind: 'rejected', actor: r.actor, within: durationOr(r.within, ctx.timeouts.join), line };
    },
    uses: (doc) => [
      typeof doc === 'string'
        ? { role: 'joined', actor: doc, path: [] }
        : { role: 'joined', actor: doc.actor, path: ['actor'] },
    ],
  },
);
