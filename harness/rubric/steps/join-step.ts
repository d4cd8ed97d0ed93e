import { z } from 'zod';
import { actorName, durationSchema, implSchema } from '../schema-fields.js';
import type { Impl } from '../rubric.js';
import { defineStep, durationOr } from './define-step.js';

// Launches a client, answers its prompts, and (wait: joined) waits for the joined pattern.
export interface JoinStep {
  readonly kind: 'join';
  readonly as: string;
  readonly name: string; // the actor name unless set; may hold {templates}
  readonly password: string | undefined; // undefined: the room password (rubric or manifest)
  readonly wait: 'joined' | 'none';
  readonly impl: Impl;
  readonly within: number;
  readonly line: number;
}

export const joinStep = defineStep(
  'join',
  z.union([
    actorName,
    z.strictObject({
      as: actorName,
      name: z.string().optional().describe('The chat name typed at the prompt; the actor name by default'),
      password: z.string().optional().describe('The password typed; the room password by default'),
      wait: z.enum(['joined', 'none']).optional().describe('"joined" waits for the joined pattern'),
      impl: implSchema.optional(),
      within: durationSchema.optional(),
    }),
  ]),
  {
    normalize: (doc, { line, ctx }): JoinStep => {
      const j = typeof doc === 'string' ? { as: doc } : doc;
      return {
        kind: 'join',
        as: j.as,
        name: j.name ?? j.as,
        password: j.password,
        wait: j.wait ?? 'joined',
        impl: j.impl ?? 'student',
        within: durationOr(j.within, ctx.timeouts.join),
        line,
      };
    },
    uses: (doc) => [
      typeof doc === 'string' ? { role: 'join', actor: doc, path: [] } : { role: 'join', actor: doc.as, path: ['as'] },
    ],
  },
);
