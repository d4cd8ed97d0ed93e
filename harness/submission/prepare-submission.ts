import { formatIssue } from '../yaml/format-issues.js';
import type { Rubric } from '../rubric/rubric.js';
import type { Confinement } from '../sandbox/confine-command.js';
import type { IsolationPlan } from '../sandbox/detect-isolation.js';
import { checkEntryPoints } from './check-entry-points.js';
import { loadManifest, type Manifest } from './load-manifest.js';
import { resolveLaunch, type LaunchSettings } from './resolve-launch.js';
import { buildStage, stageSubmission, type Stage } from './stage-submission.js';

// A submission ready to be graded: its private stage (built), its manifest and its commands.
export interface Prepared {
  readonly stage: Stage;
  readonly manifest: Manifest | undefined;
  readonly launch: LaunchSettings;
}

// What preparing needs: the isolation, the submission's own confinement (its uid), the programs
// the criteria start, and whether this is sockgrade's own reference (its manifest may use {root}).
export interface PrepareOptions {
  readonly plan: IsolationPlan;
  readonly confinement: Confinement;
  readonly roles: ReadonlySet<'server' | 'client'>;
  readonly trusted?: boolean;
}

// Copies a submission aside defensively, then reads its manifest from the copy, builds it and
// checks its entry points, each confined as the student: from here on nothing reads the folder
// as handed in. Any problem is a message for the student, never an exception.
export async function prepareSubmission(
  dir: string,
  rubric: Rubric,
  options: PrepareOptions,
): Promise<{ ok: true; prepared: Prepared } | { ok: false; message: string }> {
  const maxBytes = options.confinement.limits.submissionMb * 1024 * 1024;
  const staged = stageSubmission(dir, maxBytes, options.confinement.uid);
  if (!staged.ok) return staged;
  const { stage } = staged;
  const fail = (message: string): { ok: false; message: string } => {
    stage.remove();
    return { ok: false, message };
  };
  const manifest = await loadManifest(stage.dir, { shownAs: dir, trusted: options.trusted ?? false });
  if (!manifest.ok)
    return fail(`sockgrade.yaml is not valid:\n${manifest.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
  const launch = resolveLaunch(stage.dir, manifest.manifest, rubric);
  if (launch.build !== undefined) {
    const failed = await buildStage(stage, launch.build, options.plan, options.confinement);
    if (failed) return fail(failed);
  }
  const from = { server: launch.from['server'] ?? 'the default', client: launch.from['client'] ?? 'the default' };
  const problem = await checkEntryPoints(stage.dir, launch, from, options.roles, options, stage.skipped);
  if (problem) return fail(problem);
  return { ok: true, prepared: { stage, manifest: manifest.manifest, launch } };
}
