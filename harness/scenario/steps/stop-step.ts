import type { QuitStep, RestartStep, StopStep } from '../../rubric/steps/stop-step.js';
import { quitLikeAPerson } from '../../actors/quit-like-a-person.js';
import { waitForActor } from '../../actors/wait-for.js';
import { stepError, stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { actorNeverStarted } from '../step-messages.js';
import { launchServer } from './start-step.js';

const stopGraceMs = 2000;

// Stops an actor as a user would with Ctrl-C: SIGINT, then SIGKILL after a grace period.
export async function runStopStep(step: StopStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const state = ctx.actors.get(step.actor);
  if (!state) return actorNeverStarted(step.actor);
  await state.actor.stop(stopGraceMs);
  if (ctx.server?.name === step.actor) ctx.server.bound = undefined;
  return stepOk;
}

// Stops the server and starts it again in the same working copy, so what it saved is still there.
export async function runRestartStep(step: RestartStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const state = ctx.actors.get(step.actor);
  if (!state || state.role !== 'server') {
    return stepError(`${step.actor} to be a started server`, `${step.actor} is not a server started in this run`);
  }
  await state.actor.stop(stopGraceMs);
  return launchServer(ctx, step.actor, state.impl, state.workdir, step.within);
}

// Types the client's quit command (the rubric's or its sockgrade.yaml's) and gives it a moment to
// leave, closing its input if it stays; with no quit command named, ends it like a person would.
export async function runQuitStep(step: QuitStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const state = ctx.actors.get(step.actor);
  if (!state) return actorNeverStarted(step.actor);
  const quit = state.impl.commands['quit'];
  if (quit === undefined) {
    await quitLikeAPerson(state.actor, stopGraceMs);
    return stepOk;
  }
  state.actor.type(quit);
  if (!(await waitForActor(state.actor, () => !state.actor.running, stopGraceMs))) state.actor.closeInput();
  return stepOk;
}
