import { createHash } from 'node:crypto';
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pollUntil } from '../../actors/wait-for.js';
import { readBytesInside } from '../../submission/read-file-inside.js';
import type { ReceivedStep } from '../../rubric/steps/received-step.js';
import { stepError, stepFail, stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { actorNeverStarted } from '../step-messages.js';

const maxFiles = 2000;

// Waits until a byte-identical copy of the sent file appears anywhere in the receiver's own
// working copy (never the sender's: each actor has its own).
export async function runReceivedStep(step: ReceivedStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const sent = ctx.sentFile;
  const state = ctx.actors.get(step.in);
  if (!sent) return stepError('a file step before this one', 'no file was sent in this run');
  if (!state) return actorNeverStarted(step.in);
  const found = await pollUntil(
    () => findCopy(state.workdir, sent.size, sent.sha256),
    step.within,
    () => false,
    100,
  );
  if (found) {
    state.actor.note(`has a byte-identical copy of ${sent.name} at ${found}`);
    return stepOk;
  }
  const nearest = listFiles(state.workdir)
    .filter((f) => f.size > 0 && f.path !== sent.name)
    .sort((a, b) => Math.abs(a.size - sent.size) - Math.abs(b.size - sent.size))[0];
  const closest = nearest
    ? `; the closest in size is ${nearest.path} (${nearest.size} bytes)`
    : '; it holds no new file';
  return stepFail(
    `a byte-identical copy of ${sent.name} (${sent.size} bytes, sha256 ${sent.sha256.slice(0, 12)}…) in ${step.in}'s working copy within ${step.within / 1000} s`,
    `no file there has that content${closest}`,
    [sent.from, step.in, ctx.server?.name ?? 'server'],
  );
}

function findCopy(root: string, size: number, sha256: string): string | undefined {
  for (const file of listFiles(root)) {
    if (file.size !== size) continue;
    // The student's program wrote it: read as the harness reads any student file, never through
    // a link or into a FIFO, and never more than the size sought.
    const read = readBytesInside(root, file.path, size);
    if (read !== undefined && createHash('sha256').update(read).digest('hex') === sha256) return file.path;
  }
  return undefined;
}

function listFiles(root: string): { path: string; size: number }[] {
  const files: { path: string; size: number }[] = [];
  const walk = (dir: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(path.join(root, dir));
    } catch {
      return;
    }
    for (const entry of entries) {
      if (files.length >= maxFiles) return;
      const relative = path.join(dir, entry);
      try {
        const stat = lstatSync(path.join(root, relative));
        if (stat.isDirectory()) walk(relative);
        else if (stat.isFile()) files.push({ path: relative, size: stat.size });
      } catch {
        // gone while we looked
      }
    }
  };
  walk('');
  return files;
}
