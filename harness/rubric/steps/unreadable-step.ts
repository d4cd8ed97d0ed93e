import { z } from 'zod';
import { defineStep } from './define-step.js';

// Passes when no chat text crossed the wire readable.
export interface UnreadableStep {
  readonly kind: 'unreadable';
  readonly text: string | undefined; // undefined: every token sent in the run
  readonly line: number;
}

export const unreadableStep = defineStep(
  'unreadable',
  z
    .strictObject({ text: z.string().min(1).optional().describe('By default every token sent in this run') })
    .describe('No chat text crosses the wire readable: plain, base64, hex or UTF-16'),
  { normalize: (doc, { line }): UnreadableStep => ({ kind: 'unreadable', text: doc.text, line }) },
);
