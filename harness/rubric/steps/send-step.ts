import { z } from 'zod';
import { actorName } from '../schema-fields.js';
import { defineStep } from './define-step.js';

// Types a chat line into a client; optional skips it when that client has already exited.
export interface SendStep {
  readonly kind: 'send';
  readonly from: string;
  readonly text: string;
  readonly optional: boolean;
  readonly line: number;
}

export const sendStep = defineStep(
  'send',
  z.strictObject({
    from: actorName,
    text: z.string().min(1),
    optional: z.boolean().optional().describe('Skip silently when the actor has already exited'),
  }),
  {
    normalize: (doc, { line }): SendStep => ({
      kind: 'send',
      from: doc.from,
      text: doc.text,
      optional: doc.optional ?? false,
      line,
    }),
    uses: (doc) => [{ role: 'send', actor: doc.from, path: ['from'] }],
  },
);
