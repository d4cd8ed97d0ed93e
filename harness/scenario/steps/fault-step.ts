import type { FaultStep } from '../../rubric/steps/fault-step.js';
import { stepError, stepOk, type ScenarioContext, type StepOutcome } from '../context.js';

const datagramOnly = new Set(['drop', 'duplicate', 'reorder']);
const streamOnly = new Set(['split', 'coalesce']);

// Arms a fault on the proxy from this moment on; it strikes the packets the rule selects.
export function runFaultStep(step: FaultStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const transport = ctx.rubric.transport;
  if ((transport === 'tcp' && datagramOnly.has(step.fault)) || (transport === 'udp' && streamOnly.has(step.fault))) {
    const fits =
      transport === 'tcp' ? 'corrupt, delay, split or coalesce' : 'drop, corrupt, duplicate, reorder or delay';
    return Promise.resolve(
      stepError(
        `a fault that ${transport.toUpperCase()} can carry (${fits})`,
        `the rubric asks for "${step.fault}" on a ${transport.toUpperCase()} link (line ${step.line})`,
      ),
    );
  }
  ctx.faults.arm(step);
  const when =
    'probability' in step.when
      ? `p=${step.when.probability}`
      : 'next' in step.when
        ? `next ${step.when.next}`
        : `#${step.when.nth}`;
  ctx.transcript.push({
    t: ctx.clock(),
    actor: 'proxy',
    stream: 'event',
    text: `armed ${step.fault} (${when}) on ${step.link}, ${step.dir}`,
  });
  return Promise.resolve(stepOk);
}
