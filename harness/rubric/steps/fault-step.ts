import { z } from 'zod';
import { maxSizeBytes } from '../parse-size.js';
import { actorName, durationSchema } from '../schema-fields.js';
import { defineStep, durationOr } from './define-step.js';

// Where a fault strikes: which link and direction, and which packets.
export interface FaultStep {
  readonly kind: 'fault';
  readonly link: string; // a client actor, or "all"
  readonly dir: 'up' | 'down' | 'both';
  readonly fault: 'drop' | 'corrupt' | 'duplicate' | 'reorder' | 'delay' | 'split' | 'coalesce';
  readonly when: { readonly probability: number } | { readonly next: number } | { readonly nth: number };
  readonly minBytes: number;
  readonly delay: number; // ms
  readonly line: number;
}

// How many packets from now a fault may wait for or strike.
const maxPackets = 100_000;

const linkSchema = z.union([z.literal('all'), actorName]).describe('A client whose link to the server, or "all"');

export const faultStep = defineStep(
  'fault',
  z
    .strictObject({
      link: linkSchema.optional(),
      dir: z.enum(['up', 'down', 'both']).optional(),
      kind: z.enum(['drop', 'corrupt', 'duplicate', 'reorder', 'delay', 'split', 'coalesce']),
      probability: z.number().gt(0).lte(1).optional().describe('Each packet is hit with this probability'),
      next: z.number().int().positive().max(maxPackets).optional().describe('The next N packets are hit'),
      nth: z.number().int().positive().max(maxPackets).optional().describe('Only the N-th packet from now is hit'),
      minBytes: z
        .number()
        .int()
        .nonnegative()
        .max(maxSizeBytes)
        .optional()
        .describe('Packets shorter than this (acks) are never hit'),
      delay: durationSchema.optional().describe('How long delay and reorder hold a packet back'),
    })
    .refine((f) => [f.probability, f.next, f.nth].filter((v) => v !== undefined).length === 1, {
      message: 'say when the fault strikes with exactly one of probability, next or nth',
    }),
  {
    normalize: (f, { line }): FaultStep => {
      const when =
        f.probability !== undefined
          ? { probability: f.probability }
          : f.next !== undefined
            ? { next: f.next }
            : { nth: f.nth ?? 1 };
      return {
        kind: 'fault',
        link: f.link ?? 'all',
        dir: f.dir ?? 'both',
        fault: f.kind,
        when,
        minBytes: f.minBytes ?? (f.kind === 'corrupt' ? 24 : 0),
        delay: durationOr(f.delay, 200),
        line,
      };
    },
    uses: (f) => (f.link !== undefined && f.link !== 'all' ? [{ role: 'joined', actor: f.link, path: ['link'] }] : []),
  },
);
