import { z } from 'zod';
import { maxSizeBytes } from '../parse-size.js';
import { actorName, durationSchema } from '../schema-fields.js';
import { defineStep, durationOr } from './define-step.js';

// Passes when bytes cross a client's link through the proxy, in the given direction.
export interface WireStep {
  readonly kind: 'wire';
  readonly link: string;
  readonly dir: 'up' | 'down';
  readonly since: 'send' | 'start';
  readonly minBytes: number;
  readonly within: number;
  readonly line: number;
}

export const wireStep = defineStep(
  'wire',
  z.strictObject({
    link: actorName.describe('The client whose link to the server is watched'),
    dir: z.enum(['up', 'down']).describe('up = client to server, down = server to client'),
    since: z.enum(['send', 'start']).optional().describe('Count from the last send step (default) or the start'),
    minBytes: z.number().int().positive().max(maxSizeBytes).optional(),
    within: durationSchema.optional(),
  }),
  {
    normalize: (doc, { line, ctx }): WireStep => ({
      kind: 'wire',
      link: doc.link,
      dir: doc.dir,
      since: doc.since ?? 'send',
      minBytes: doc.minBytes ?? 1,
      within: durationOr(doc.within, ctx.timeouts.expect),
      line,
    }),
    uses: (doc) => [{ role: 'joined', actor: doc.link, path: ['link'] }],
  },
);
