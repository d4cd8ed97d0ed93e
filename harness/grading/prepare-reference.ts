import type { Rubric } from '../rubric/rubric.js';
import type { IsolationPlan } from '../sandbox/detect-isolation.js';
import { resolveLimits } from '../sandbox/limits.js';
import type { Implementation } from '../model/implementation.js';
import { allocateUid } from '../sandbox/allocate-uid.js';
import { prepareSubmission } from '../submission/prepare-submission.js';
import type { Stage } from '../submission/stage-submission.js';
import { buildImplementation } from './build-implementation.js';

// Stages the rubric's reference implementation once for a whole batch, for the scenarios that
// pair a student's program with it (impl: reference).
export async function prepareReference(
  rubric: Rubric,
  plan: IsolationPlan,
): Promise<{ ok: true; reference: Implementation; stage: Stage } | { ok: false; message: string }> {
  const dir = rubric.reference;
  if (dir === undefined)
    return { ok: false, message: `${rubric.name} names no reference implementation (reference: in the rubric)` };
  const ready = await prepareSubmission(dir, rubric, {
    plan,
    confinement: {
      isolation: plan.mode,
      sandbox: plan.sandbox,
      uid: allocateUid(plan.dropPrivileges),
      limits: resolveLimits(rubric.limits),
    },
    roles: new Set(),
    trusted: true,
  });
  if (!ready.ok) return { ok: false, message: `the reference could not be prepared: ${ready.message}` };
  const { stage, launch } = ready.prepared;
  return { ok: true, reference: buildImplementation('reference', stage.dir, launch, true), stage };
}

// True when some step of the rubric starts the reference beside a student's program.
export function pairsWithReference(rubric: Rubric): boolean {
  return rubric.criteria.some((c) =>
    c.steps.some((s) => (s.kind === 'start' || s.kind === 'join') && s.impl === 'reference'),
  );
}
