import { z } from 'zod';
import { maxDurationMs, parseDuration } from './parse-duration.js';
import { maxSizeBytes, parseSize } from './parse-size.js';

// A refinement's message that says what was expected, so it reads "expected …, found …" like zod's own rules.
function expected(message: string): { message: string; params: { expected: true } } {
  return { message, params: { expected: true } };
}

const durationPattern = /^\d+(\.\d+)?\s*(ms|s|m)$/;
const tooLong = `a duration of at most 1 hour ("60m" or ${maxDurationMs} ms)`;

// A duration as a lecturer writes it: "1500ms", "5s", "2m", or a bare number of milliseconds; at most 1 hour.
export const durationSchema = z
  .union([
    z.number().int().nonnegative().max(maxDurationMs, tooLong),
    z
      .string()
      .regex(durationPattern, 'a duration such as "1500ms", "5s" or "2m"')
      .refine((text) => !durationPattern.test(text) || parseDuration(text) <= maxDurationMs, expected(tooLong)),
  ])
  .describe('A duration: "1500ms", "5s", "2m", or a number of milliseconds');

// A regular expression in JavaScript syntax; "(?i)" at the start makes it case-insensitive.
export const regexSchema = z
  .string()
  .min(1)
  .describe('A regular expression; a leading "(?i)" makes it case-insensitive');

// The name a rubric gives an actor.
export const actorName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, 'an actor name in lower case, such as "alice" or "server"');

// One actor, or several.
export const actorList = z.union([actorName, z.array(actorName).min(1)]);

// Whose program plays an actor.
export const implSchema = z.enum(['student', 'reference']).describe('Whose program plays this actor');

const sizePattern = /^\d+\s*(B|KB|MB)$/;
const tooBig = `a size of at most ${maxSizeBytes / 1024 / 1024}MB`;

// A size as a lecturer writes it: "200KB", "1MB", or a number of bytes; at most 64MB.
export const sizeSchema = z
  .union([
    z.number().int().positive().max(maxSizeBytes, tooBig),
    z
      .string()
      .regex(sizePattern, 'a size such as "200KB" or "1MB"')
      .refine((text) => !sizePattern.test(text) || parseSize(text) <= maxSizeBytes, expected(tooBig)),
  ])
  .describe('A size: "200KB", "1MB", or a number of bytes');
