import type { SeverStep } from '../../rubric/steps/sever-step.js';
import { stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { actorNeverJoined } from '../step-messages.js';

// Cuts a client's link at the proxy, abruptly: the server sees a reset connection (TCP) or
// silence (UDP), as when a laptop drops off the network.
export function runSeverStep(step: SeverStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const relay = ctx.actors.get(step.link)?.relay;
  if (!relay) return Promise.resolve(actorNeverJoined(step.link, `${step.link} to have a link to cut`));
  relay.sever();
  ctx.transcript.push({ t: ctx.clock(), actor: 'proxy', stream: 'event', text: `severed ${step.link}'s link` });
  return Promise.resolve(stepOk);
}
