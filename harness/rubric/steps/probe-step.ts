import nodePath from 'node:path';
import { z } from 'zod';
import { durationSchema } from '../schema-fields.js';
import { defineStep, durationOr } from './define-step.js';

// Runs a lecturer's probe (any executable that prints TAP) against the submission's copy.
export interface ProbeStep {
  readonly kind: 'probe';
  readonly run: string; // absolute path of the probe
  readonly within: number;
  readonly line: number;
}

export const probeStep = defineStep(
  'probe',
  z.strictObject({
    run: z.string().min(1).describe('The probe, relative to the rubric; any executable that prints TAP'),
    within: durationSchema.optional(),
  }),
  {
    normalize: (doc, { line, ctx }): ProbeStep => ({
      kind: 'probe',
      run: nodePath.resolve(ctx.rubricDir, doc.run),
      within: durationOr(doc.within, 30_000),
      line,
    }),
  },
);
