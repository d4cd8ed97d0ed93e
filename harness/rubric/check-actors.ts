import type { IndexedCriterion } from './collect-rubric-parts.js';
import { quote } from '../yaml/describe-value.js';
import { listActorUses } from './step-kinds.js';
import type { ActorUse } from './steps/define-step.js';
import type { Finding } from '../yaml/yaml-issue.js';
import { walkSteps } from './walk-steps.js';

// Reports an actor used before a step brings it in: joins before any start, sends before joining, checks on nobody.
export function checkActors({ index, criterion }: IndexedCriterion): Finding[] {
  const started = new Set<string>();
  const joined = new Set<string>();
  const findings: Finding[] = [];
  for (const { step, path } of walkSteps(criterion.steps ?? [], ['criteria', index, 'steps'])) {
    for (const use of listActorUses(step)) {
      const at = [...path, ...use.path];
      const problem = judge(use, started, joined);
      if (problem) findings.push({ path: at, at: 'value', message: problem });
      if (use.role === 'start') started.add(use.actor);
      if (use.role === 'join') joined.add(use.actor);
    }
  }
  return findings;
}

// The steps of clients sockgrade plays itself: they come in with "connect", not "join".
const rawClientSteps = new Set(['send-bytes', 'echoed', 'closed', 'half-close', 'reset']);

function judge(use: ActorUse, started: ReadonlySet<string>, joined: ReadonlySet<string>): string | undefined {
  const name = quote(use.actor);
  if (use.path[0] === 'connect' && started.size === 0)
    return `${name} connects before any server is started; put a "start" step before it`;
  if (rawClientSteps.has(String(use.path[0])) && !joined.has(use.actor)) {
    return `${name} ${use.role === 'send' ? 'sends' : 'is used'} before it has connected; put "- connect: ${use.actor}" before this step`;
  }
  switch (use.role) {
    case 'start':
      return undefined;
    case 'join':
      return started.size === 0
        ? `${name} joins before any server is started; put a "start" step before it`
        : undefined;
    case 'send':
      return joined.has(use.actor)
        ? undefined
        : `${name} sends before it has joined; put "- join: ${use.actor}" before this step`;
    case 'joined':
      return joined.has(use.actor)
        ? undefined
        : `${name} is used before it has joined; put "- join: ${use.actor}" before this step`;
    case 'request':
      return started.size === 0
        ? `an http request is sent before any server is started; put a "start" step before it`
        : undefined;
    case 'present':
      return started.has(use.actor) || joined.has(use.actor)
        ? undefined
        : `${name} is used before it is started or joined`;
  }
}
