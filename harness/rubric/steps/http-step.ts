import nodePath from 'node:path';
import { z } from 'zod';
import { compilePattern } from '../compile-pattern.js';
import { durationSchema, regexSchema } from '../schema-fields.js';
import { defineStep, durationOr } from './define-step.js';

// The harness itself sends an HTTP request over a raw TCP socket straight to the server (the run's
// loopback), in segments when split, and checks the response.
export interface HttpStep {
  readonly kind: 'http';
  readonly request: string; // sent as UTF-8; split offsets count its bytes
  readonly split: readonly number[]; // byte offsets, ascending
  readonly pause: number; // ms between segments
  readonly clients: number; // 1, or clients at once, the first holding its request half-sent
  readonly status: readonly number[] | undefined; // any of these
  readonly headers: Readonly<Record<string, string>>; // name (any case) to regex source; {length} is the body's length
  readonly body: { readonly file: string } | { readonly pattern: RegExp } | undefined; // file: absolute path
  readonly lacks: string | undefined; // absolute path of a file whose content the body must not hold
  readonly within: number;
  readonly line: number;
}

const fileBody = z.strictObject({ file: z.string().min(1).describe('A file, relative to the rubric') });

export const httpStep = defineStep(
  'http',
  z
    .strictObject({
      get: z
        .string()
        .regex(/^\S+$/, 'a path such as "/index.html"')
        .optional()
        .describe('Sends "GET <path> HTTP/1.0", a Host header and an empty line'),
      request: z.string().min(1).optional().describe('The raw request, sent byte for byte (YAML "\\r\\n" escapes)'),
      split: z
        .array(z.number().int().positive().max(65_536))
        .min(1)
        .optional()
        .describe('Byte offsets where the request is cut into segments'),
      pause: durationSchema.optional().describe('How long to wait between segments (default 300ms)'),
      clients: z
        .number()
        .int()
        .min(2)
        .max(50)
        .optional()
        .describe('Clients at once; the first holds its request half-sent until the others are answered'),
      status: z
        .union([z.number().int().min(100).max(599), z.array(z.number().int().min(100).max(599)).min(1)])
        .optional(),
      headers: z
        .record(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'a header name'), z.string())
        .optional()
        .describe("Header name to regular expression; {length} stands for the body's length in bytes"),
      body: z
        .union([fileBody, z.strictObject({ pattern: regexSchema })])
        .optional()
        .describe('The body equals a file, or matches a pattern'),
      lacks: fileBody.optional().describe("The body must not hold this file's content"),
      within: durationSchema.optional(),
    })
    .refine((h) => (h.get === undefined) !== (h.request === undefined), {
      message: 'give the request with exactly one of get or request',
    }),
  {
    normalize: (h, { line, ctx }): HttpStep => {
      const inRubric = (file: string): string => nodePath.resolve(ctx.rubricDir, file);
      const request = h.request ?? `GET ${h.get ?? '/'} HTTP/1.0\r\nHost: localhost\r\n\r\n`;
      const body =
        h.body === undefined
          ? undefined
          : 'file' in h.body
            ? { file: inRubric(h.body.file) }
            : { pattern: compilePattern(h.body.pattern) };
      return {
        kind: 'http',
        request,
        split: [...new Set(h.split ?? [])].filter((at) => at < request.length).sort((a, b) => a - b),
        pause: durationOr(h.pause, 300),
        clients: h.clients ?? 1,
        status: h.status === undefined ? undefined : [h.status].flat(),
        headers: h.headers ?? {},
        body,
        lacks: h.lacks === undefined ? undefined : inRubric(h.lacks.file),
        within: durationOr(h.within, ctx.timeouts.expect),
        line,
      };
    },
    uses: () => [{ role: 'request', actor: 'http', path: [] }],
  },
);
