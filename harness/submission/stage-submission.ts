import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IsolationPlan } from '../sandbox/detect-isolation.js';
import type { Confinement } from '../sandbox/confine-command.js';
import { chownTree } from '../sandbox/workdir.js';
import { runConfined } from '../sandbox/run-confined.js';
import { copyTree, type SkippedEntry } from '../sandbox/copy-tree.js';

const buildTimeoutMs = 120_000;
const leftOut = new Set(['expected.yaml', '.git', 'node_modules', '__pycache__']);
const maxEntries = 10_000;

// A submission copied aside (and built, if it has a build step): every run copies from here.
export interface Stage {
  readonly dir: string;
  readonly skipped: readonly SkippedEntry[]; // FIFOs, sockets and devices left out of the copy
  remove(): void;
}

// Copies a submission to a private stage, reading it defensively (copyTree): a link out of it,
// or more than maxBytes, refuses it with a message for the student; nothing is thrown for what
// the folder holds. The stage belongs to the submission's uid alone (0700), so no other student
// program can read it.
export function stageSubmission(
  source: string,
  maxBytes: number,
  uid: number | undefined,
): { ok: true; stage: Stage } | { ok: false; message: string } {
  const holder = mkdtempSync(path.join(tmpdir(), 'sockgrade-stage-'));
  chmodSync(holder, 0o711);
  const dir = path.join(holder, 'submission');
  const remove = (): void => rmSync(holder, { recursive: true, force: true });
  const copied = copyTree(source, dir, { maxBytes, maxEntries, leftOut, outsideLinks: 'refuse' });
  if (!copied.ok) {
    remove();
    return { ok: false, message: `sockgrade did not copy this submission: ${copied.message}.` };
  }
  if (uid !== undefined) chownTree(dir, uid);
  chmodSync(dir, 0o700);
  return { ok: true, stage: { dir, skipped: copied.skipped, remove } };
}

// Runs a submission's build step in its stage, confined like any student program (it sees only
// its stage and the runtime); a failed build is a message for the student, not an exception.
export async function buildStage(
  stage: Stage,
  build: string,
  plan: IsolationPlan,
  confinement: Confinement,
): Promise<string | undefined> {
  const result = await runConfined(build, stage.dir, plan, confinement, buildTimeoutMs);
  if (result.exitCode === 0) return undefined;
  const tail = result.all.trim().split('\n').slice(-12).join('\n  ');
  const how = result.timedOut
    ? `did not finish within ${buildTimeoutMs / 1000} s`
    : `exited with code ${result.exitCode ?? result.signal}`;
  return `the build step \`${build}\` ${how}:\n  ${tail}`;
}
