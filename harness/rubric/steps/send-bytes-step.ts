import { z } from 'zod';
import { parseSize } from '../parse-size.js';
import { actorName, sizeSchema } from '../schema-fields.js';
import { defineStep } from './define-step.js';

// Sends bytes from sockgrade's own client: a text, or size seeded random bytes (one datagram on UDP).
export interface SendBytesStep {
  readonly kind: 'send-bytes';
  readonly from: string;
  readonly bytes: { readonly text: string } | { readonly size: number; readonly content: 'binary' | 'text' };
  readonly line: number;
}

export const sendBytesStep = defineStep(
  'send-bytes',
  z
    .strictObject({
      from: actorName,
      text: z.string().optional().describe('These bytes (UTF-8, templates allowed; "" is an empty datagram)'),
      size: z
        .union([sizeSchema, z.literal(0)])
        .optional()
        .describe('This many seeded random bytes'),
      content: z
        .enum(['binary', 'text'])
        .optional()
        .describe('With size: any byte value (default), or letters and digits'),
    })
    .refine((s) => (s.text === undefined) !== (s.size === undefined), {
      message: 'say what to send with exactly one of text or size',
    }),
  {
    normalize: (b, { line }): SendBytesStep => {
      const bytes =
        b.text !== undefined
          ? { text: b.text }
          : { size: b.size === 0 || b.size === undefined ? 0 : parseSize(b.size), content: b.content ?? 'binary' };
      return { kind: 'send-bytes', from: b.from, bytes, line };
    },
    uses: (b) => [{ role: 'send', actor: b.from, path: ['from'] }],
  },
);
