import { z } from 'zod';
import { parseSize } from '../parse-size.js';
import { actorName, sizeSchema } from '../schema-fields.js';
import { defineStep } from './define-step.js';

// Sends a seeded random file of the given size from a client, with the chat's file command.
export interface FileStep {
  readonly kind: 'file';
  readonly from: string;
  readonly size: number; // bytes
  readonly line: number;
}

export const fileStep = defineStep('file', z.strictObject({ from: actorName, size: sizeSchema }), {
  normalize: (doc, { line }): FileStep => ({ kind: 'file', from: doc.from, size: parseSize(doc.size), line }),
  uses: (doc) => [{ role: 'send', actor: doc.from, path: ['from'] }],
});
