import type { Rubric } from '../rubric/rubric.js';
import { formatIssue } from '../rubric/format-issues.js';
import type { IsolationPlan } from '../sandbox/detect-isolation.js';
import { resolveLimits } from '../sandbox/limits.js';
import type { Implementation } from '../scenario/context.js';
import { loadManifest } from '../submission/load-manifest.js';
import { resolveCommands } from '../submission/resolve-commands.js';
import { stageSubmission, type Stage } from '../submission/stage-submission.js';
import { buildImplementation } from './build-implementation.js';

// Stages the rubric's reference implementation once for a whole batch, for the scenarios that
// pair a student's program with it (impl: reference).
export async function prepareReference(
  rubric: Rubric,
  plan: IsolationPlan,
): Promise<{ ok: true; reference: Implementation; stage: Stage } | { ok: false; message: string }> {
  const dir = rubric.reference;
  if (dir === undefined) return { ok: false, message: `${rubric.name} names no reference implementation (reference: in the rubric)` };
  const manifest = await loadManifest(dir);
  if (!manifest.ok) return { ok: false, message: manifest.issues.map(formatIssue).join('\n') };
  const commands = resolveCommands(dir, manifest.manifest, rubric.launch);
  const staged = await stageSubmission(dir, commands.build, plan, { isolation: plan.mode, uid: undefined, limits: resolveLimits(rubric.limits) });
  if (!staged.ok) return { ok: false, message: `the reference did not build: ${staged.message}` };
  return { ok: true, reference: buildImplementation('reference', staged.stage.dir, commands, rubric, manifest.manifest), stage: staged.stage };
}

// True when some step of the rubric starts the reference beside a student's program.
export function pairsWithReference(rubric: Rubric): boolean {
  return rubric.criteria.some((c) => c.steps.some((s) => (s.kind === 'start' || s.kind === 'join') && s.impl === 'reference'));
}
