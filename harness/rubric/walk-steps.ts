import type { PathSegment } from '../yaml/format-path.js';
import type { StepDocument } from './schema.js';

// A step of a criterion, or a check inside an "any" step, with its document path.
export interface PlacedStep {
  readonly step: StepDocument;
  readonly path: readonly PathSegment[];
}

// Lists a criterion's steps in order, each "any" followed by its checks.
export function walkSteps(steps: readonly StepDocument[], base: readonly PathSegment[]): PlacedStep[] {
  return steps.flatMap((step, index) => {
    const path = [...base, index];
    const nested = 'any' in step ? walkSteps(step.any, [...path, 'any']) : [];
    return [{ step, path }, ...nested];
  });
}
