import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { IsolationPlan } from '../sandbox/detect-isolation.js';
import { confineCommand, buildActorEnv, type Confinement } from '../sandbox/confine-command.js';
import { chownTree } from '../sandbox/workdir.js';
import { sweepUid } from '../sandbox/process-tree.js';

const buildTimeoutMs = 120_000;
const leftOut = new Set(['expected.yaml', '.git', 'node_modules', '__pycache__']);

// A submission copied aside (and built, if it has a build step): every run copies from here.
export interface Stage {
  readonly dir: string;
  remove(): void;
}

// Copies the submission to a private stage and runs its build step there, confined like any
// student program; a failed build is a message for the student, not an exception.
export async function stageSubmission(
  source: string,
  build: string | undefined,
  plan: IsolationPlan,
  confinement: Confinement,
): Promise<{ ok: true; stage: Stage } | { ok: false; message: string }> {
  const holder = mkdtempSync(path.join(tmpdir(), 'sockgrade-stage-'));
  chmodSync(holder, 0o711);
  const dir = path.join(holder, 'submission');
  const stage = { dir, remove: () => rmSync(holder, { recursive: true, force: true }) };
  cpSync(source, dir, { recursive: true, verbatimSymlinks: true, filter: (from) => !leftOut.has(path.basename(from)) });
  if (build === undefined) return { ok: true, stage };
  if (confinement.uid !== undefined) chownTree(dir, confinement.uid);
  const argv = [...plan.unsharePrefix, ...confineCommand(build, confinement)];
  const result = await execa(argv[0] as string, argv.slice(1), {
    cwd: dir,
    env: buildActorEnv(dir),
    extendEnv: false,
    reject: false,
    timeout: buildTimeoutMs,
    all: true,
    maxBuffer: 256 * 1024,
  });
  if (confinement.uid !== undefined) sweepUid(confinement.uid);
  if (result.exitCode === 0) return { ok: true, stage };
  stage.remove();
  const tail = (result.all ?? '').trim().split('\n').slice(-12).join('\n  ');
  const how = result.timedOut ? `did not finish within ${buildTimeoutMs / 1000} s` : `exited with code ${result.exitCode ?? result.signal}`;
  return { ok: false, message: `the build step \`${build}\` ${how}:\n  ${tail}` };
}
