import { markSend } from '../mark-send.js';
import { createHash } from 'node:crypto';
import { chownSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FileStep } from '../../rubric/steps/file-step.js';
import { stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { actorNeverStarted, actorNoLongerRunning } from '../step-messages.js';

// Puts a seeded random binary file into the sender's own working copy and types the file
// command, with the syntax the rubric or the submission's sockgrade.yaml gives.
export function runFileStep(step: FileStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const state = ctx.actors.get(step.from);
  if (!state) return Promise.resolve(actorNeverStarted(step.from));
  const bytes = ctx.random.bytes(step.size);
  const name = `kiriman-${ctx.random.token()}.bin`;
  const file = path.join(state.workdir, name);
  writeFileSync(file, bytes);
  if (ctx.confinement.uid !== undefined) chownSync(file, ctx.confinement.uid, ctx.confinement.uid);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  ctx.sentFile = { name, size: step.size, sha256, from: step.from };
  const template = state.impl.commands['file'] ?? ctx.rubric.commands['file'] ?? '/file {path}';
  const command = template.replace('{path}', name);
  state.actor.note(`placed ${name} (${step.size} bytes, sha256 ${sha256.slice(0, 12)}…) in its working copy`);
  markSend(ctx);
  if (state.actor.type(command)) return Promise.resolve(stepOk);
  return Promise.resolve(
    actorNoLongerRunning(step.from, state.actor, `${step.from} to take the file command "${command}"`),
  );
}
