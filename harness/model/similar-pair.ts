import { z } from 'zod';

// A run of lines of one file of a submission, with its text (saved, so reports render it later).
export const excerptSchema = z.object({
  file: z.string(),
  firstLine: z.number(),
  lastLine: z.number(),
  text: z.string(),
});

// Two submissions whose sources share much normalised code: the share (0–1 of the smaller one's
// fingerprints) and the matching fragments side by side. For a person to look at; no grade changes.
export const similarPairSchema = z.object({
  a: z.string(),
  b: z.string(),
  score: z.number(),
  fragments: z.array(z.object({ a: excerptSchema, b: excerptSchema })),
});

// See similarPairSchema.
export type SimilarPair = z.infer<typeof similarPairSchema>;
// See excerptSchema.
export type Excerpt = z.infer<typeof excerptSchema>;
