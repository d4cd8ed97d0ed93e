import { z } from 'zod';
import { actorName, durationSchema } from '../schema-fields.js';
import { defineStep, durationOr } from './define-step.js';

// Passes when everything the client sent since the last such check came back, byte for byte.
export interface EchoedStep {
  readonly kind: 'echoed';
  readonly in: string;
  readonly within: number;
  readonly line: number;
}

export const echoedStep = defineStep(
  'echoed',
  z.union([actorName, z.strictObject({ in: actorName, within: durationSchema.optional() })]),
  {
    normalize: (doc, { line, ctx }): EchoedStep => {
      const e = typeof doc === 'string' ? { in: doc } : doc;
      return { kind: 'echoed', in: e.in, within: durationOr(e.within, ctx.timeouts.expect), line };
    },
    uses: (doc) => [
      typeof doc === 'string'
        ? { role: 'joined', actor: doc, path: [] }
        : { role: 'joined', actor: doc.in, path: ['in'] },
    ],
  },
);
