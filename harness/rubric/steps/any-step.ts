import { z } from 'zod';
import { defineStep, normalizeWith, type StepTable } from './define-step.js';
import { expectStep, type ExpectStep } from './expect-step.js';
import { refuteStep, type RefuteStep } from './refute-step.js';
import { wireStep, type WireStep } from './wire-step.js';

// The steps that only observe, and so may be combined under "any".
export type CheckStep = ExpectStep | RefuteStep | WireStep;

const checkSteps = { expect: expectStep, refute: refuteStep, wire: wireStep } satisfies StepTable<{
  expect: unknown;
  refute: unknown;
  wire: unknown;
}>;

// A check as the rubric writes it under "any".
const checkSchema = z.union([expectStep.document, refuteStep.document, wireStep.document]);

// Passes as soon as one of its checks passes.
export interface AnyStep {
  readonly kind: 'any';
  readonly checks: readonly CheckStep[];
  readonly line: number;
}

// Its checks are walked on their own by the rubric's checks (walkSteps), so it involves no actor itself.
export const anyStep = defineStep(
  'any',
  z.array(checkSchema).min(2).describe('Passes as soon as one of these checks passes'),
  {
    normalize: (checks, { path, line, ctx }): AnyStep => ({
      kind: 'any',
      checks: checks.map((check, k) =>
        normalizeWith<typeof checkSteps, CheckStep>(checkSteps, check, [...path, 'any', k], ctx),
      ),
      line,
    }),
  },
);
