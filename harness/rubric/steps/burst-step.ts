import { z } from 'zod';
import { actorName } from '../schema-fields.js';
import { defineStep } from './define-step.js';

// Types many chat lines into a client at once, each with a fresh token and its number.
export interface BurstStep {
  readonly kind: 'burst';
  readonly from: string;
  readonly count: number;
  readonly text: string;
  readonly line: number;
}

export const burstStep = defineStep(
  'burst',
  z.strictObject({
    from: actorName,
    count: z.number().int().min(1).max(1000),
    text: z.string().min(1).describe('{n} is the message number, {token} a fresh token per message'),
  }),
  {
    normalize: (doc, { line }): BurstStep => ({ kind: 'burst', ...doc, line }),
    uses: (doc) => [{ role: 'send', actor: doc.from, path: ['from'] }],
  },
);
