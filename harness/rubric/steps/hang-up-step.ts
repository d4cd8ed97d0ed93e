import { actorName } from '../schema-fields.js';
import { defineStep } from './define-step.js';

// Ends the client's side gently: shutdown(SHUT_WR); the server should send the rest and close.
export interface HalfCloseStep {
  readonly kind: 'half-close';
  readonly client: string;
  readonly line: number;
}

// Ends the client's connection abruptly with a reset (SO_LINGER 0).
export interface ResetStep {
  readonly kind: 'reset';
  readonly client: string;
  readonly line: number;
}

export const halfCloseStep = defineStep(
  'half-close',
  actorName.describe('shutdown(SHUT_WR): the client sends no more'),
  {
    normalize: (doc, { line }): HalfCloseStep => ({ kind: 'half-close', client: doc, line }),
    uses: (doc) => [{ role: 'joined', actor: doc, path: [] }],
  },
);

export const resetStep = defineStep('reset', actorName.describe('The client closes with a reset (RST, SO_LINGER 0)'), {
  normalize: (doc, { line }): ResetStep => ({ kind: 'reset', client: doc, line }),
  uses: (doc) => [{ role: 'joined', actor: doc, path: [] }],
});
