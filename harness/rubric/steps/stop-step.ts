import { z } from 'zod';
import { actorName, durationSchema } from '../schema-fields.js';
import { defineStep, durationOr } from './define-step.js';

// Ends an actor's process (a server can be started again with restart).
export interface StopStep {
  readonly kind: 'stop';
  readonly actor: string;
  readonly line: number;
}

// Starts a stopped server again in the same working copy, so its files survive.
export interface RestartStep {
  readonly kind: 'restart';
  readonly actor: string;
  readonly within: number;
  readonly line: number;
}

// Makes a client leave the way its user would (its quit command).
export interface QuitStep {
  readonly kind: 'quit';
  readonly actor: string;
  readonly line: number;
}

export const stopStep = defineStep('stop', actorName, {
  normalize: (doc, { line }): StopStep => ({ kind: 'stop', actor: doc, line }),
  uses: (doc) => [{ role: 'present', actor: doc, path: [] }],
});

export const restartStep = defineStep(
  'restart',
  z.union([actorName, z.strictObject({ actor: actorName, within: durationSchema.optional() })]),
  {
    normalize: (doc, { line, ctx }): RestartStep => {
      const r = typeof doc === 'string' ? { actor: doc } : doc;
      return { kind: 'restart', actor: r.actor, within: durationOr(r.within, ctx.timeouts.start), line };
    },
    uses: (doc) => [
      typeof doc === 'string'
        ? { role: 'present', actor: doc, path: [] }
        : { role: 'present', actor: doc.actor, path: ['actor'] },
    ],
  },
);

export const quitStep = defineStep('quit', actorName, {
  normalize: (doc, { line }): QuitStep => ({ kind: 'quit', actor: doc, line }),
  uses: (doc) => [{ role: 'present', actor: doc, path: [] }],
});
