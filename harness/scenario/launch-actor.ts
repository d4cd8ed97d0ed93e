import { Actor } from '../actors/actor.js';
import type { Implementation, PromptKind } from '../model/implementation.js';
import { compilePattern } from '../rubric/compile-pattern.js';
import { buildActorEnv, confineCommand } from '../sandbox/confine-command.js';
import { makeActorWorkdir } from '../sandbox/workdir.js';
import { stepError, type ActorState, type ScenarioContext } from './context.js';

// Launches one actor in its own working copy (kept when it restarts) and registers its teardown
// before it starts, so an interrupted run still ends it.
export async function launchActor(
  ctx: ScenarioContext,
  options: {
    readonly name: string;
    readonly role: 'server' | 'client';
    readonly impl: Implementation;
    readonly command: string;
    readonly workdir?: string;
    readonly readable?: readonly string[]; // besides the implementation's own (a probe's scripts)
  },
): Promise<Actor> {
  const { name, impl, command } = options;
  const workdir =
    options.workdir ?? makeActorWorkdir(impl.stageDir, ctx.runDir, name, ctx.confinement.uid, ctx.rubric.files);
  const actor = new Actor({
    name,
    argv: confineCommand(command, ctx.confinement, {
      writable: workdir,
      readable: [...impl.readable, ...(options.readable ?? [])],
    }),
    cwd: workdir,
    env: buildActorEnv(workdir),
    outputLimitBytes: ctx.confinement.limits.outputKb * 1024,
    clock: ctx.clock,
    record: (line) => ctx.transcript.push(line),
  });
  ctx.teardown.push(() => actor.kill());
  actor.on('flood', () =>
    ctx.raise(
      stepError(
        `${name} to print at most ${ctx.confinement.limits.outputKb} KB`,
        `${name} printed more than ${ctx.confinement.limits.outputKb} KB of output, so sockgrade stopped it`,
        [name],
      ),
    ),
  );
  const state: ActorState = { actor, role: options.role, impl, workdir };
  ctx.actors.set(name, state);
  actor.note(`$ ${command}   (${impl.label}, in its own copy)`);
  await actor.start();
  return actor;
}

// An implementation's prompt patterns, compiled; kinds it is not asked leave out (never match).
export function promptPatterns(impl: Implementation, unasked: readonly PromptKind[] = []): Record<PromptKind, RegExp> {
  return Object.fromEntries(
    Object.entries(impl.prompts).map(([kind, source]) => [
      kind,
      unasked.includes(kind as PromptKind) ? /(?!)/ : compilePattern(source),
    ]),
  ) as Record<PromptKind, RegExp>;
}
