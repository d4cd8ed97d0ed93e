import { z } from 'zod';
import { actorName, durationSchema, implSchema } from '../schema-fields.js';
import type { Impl } from '../rubric.js';
import { defineStep, durationOr } from './define-step.js';

// Launches an actor (usually the server) and waits, up to within ms, for it to bind its port.
export interface StartStep {
  readonly kind: 'start';
  readonly actor: string;
  readonly impl: Impl;
  readonly within: number;
  readonly line: number;
}

export const startStep = defineStep(
  'start',
  z.union([
    actorName,
    z.strictObject({ actor: actorName, impl: implSchema.optional(), within: durationSchema.optional() }),
  ]),
  {
    normalize: (doc, { line, ctx }): StartStep => {
      const s = typeof doc === 'string' ? { actor: doc } : doc;
      return {
        kind: 'start',
        actor: s.actor,
        impl: s.impl ?? 'student',
        within: durationOr(s.within, ctx.timeouts.start),
        line,
      };
    },
    uses: (doc) => [
      typeof doc === 'string'
        ? { role: 'start', actor: doc, path: [] }
        : { role: 'start', actor: doc.actor, path: ['actor'] },
    ],
  },
);
