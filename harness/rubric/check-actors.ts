import type { IndexedCriterion } from './collect-rubric-parts.js';
import { quote } from '../yaml/describe-value.js';
import type { PathSegment } from '../yaml/format-path.js';
import type { StepDocument } from './schema.js';
import type { Finding } from '../yaml/yaml-issue.js';
import { walkSteps } from './walk-steps.js';

// How a step involves an actor: starts it, joins it, makes it send, or needs it already there (joined: as a client);
// request: the harness itself talks to the server.
type Role = 'start' | 'join' | 'send' | 'joined' | 'present' | 'request';

interface Use {
  readonly role: Role;
  readonly actor: string;
  readonly path: readonly PathSegment[];
}

// Reports an actor used before a step brings it in: joins before any start, sends before joining, checks on nobody.
export function checkActors({ index, criterion }: IndexedCriterion): Finding[] {
  const started = new Set<string>();
  const joined = new Set<string>();
  const findings: Finding[] = [];
  for (const { step, path } of walkSteps(criterion.steps ?? [], ['criteria', index, 'steps'])) {
    for (const use of usesOf(step)) {
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

function judge(use: Use, started: ReadonlySet<string>, joined: ReadonlySet<string>): string | undefined {
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

function usesOf(step: StepDocument): Use[] {
  if ('start' in step)
    return [
      typeof step.start === 'string'
        ? use('start', step.start, 'start')
        : use('start', step.start.actor, 'start', 'actor'),
    ];
  if ('join' in step)
    return [typeof step.join === 'string' ? use('join', step.join, 'join') : use('join', step.join.as, 'join', 'as')];
  if ('send' in step) return [use('send', step.send.from, 'send', 'from')];
  if ('expect' in step) return listUses(step.expect.in, 'expect');
  if ('refute' in step) return listUses(step.refute.in, 'refute');
  if ('rejected' in step) {
    const value = step.rejected;
    return [
      typeof value === 'string' ? use('joined', value, 'rejected') : use('joined', value.actor, 'rejected', 'actor'),
    ];
  }
  if ('wire' in step) return [use('joined', step.wire.link, 'wire', 'link')];
  if ('burst' in step) return [use('send', step.burst.from, 'burst', 'from')];
  if ('file' in step) return [use('send', step.file.from, 'file', 'from')];
  if ('delivered' in step) return [use('joined', step.delivered.in, 'delivered', 'in')];
  if ('received' in step) return [use('joined', step.received.in, 'received', 'in')];
  if ('fault' in step && step.fault.link !== undefined && step.fault.link !== 'all')
    return [use('joined', step.fault.link, 'fault', 'link')];
  if ('crowd' in step) return [{ role: 'join', actor: 'crowd', path: ['crowd'] }];
  if ('connect' in step) return [use('join', step.connect, 'connect')];
  if ('send-bytes' in step) return [use('send', step['send-bytes'].from, 'send-bytes', 'from')];
  if ('echoed' in step)
    return [
      typeof step.echoed === 'string'
        ? use('joined', step.echoed, 'echoed')
        : use('joined', step.echoed.in, 'echoed', 'in'),
    ];
  if ('closed' in step)
    return [
      typeof step.closed === 'string'
        ? use('joined', step.closed, 'closed')
        : use('joined', step.closed.in, 'closed', 'in'),
    ];
  if ('half-close' in step) return [use('joined', step['half-close'], 'half-close')];
  if ('reset' in step) return [use('joined', step.reset, 'reset')];
  if ('http' in step) return [{ role: 'request', actor: 'http', path: ['http'] }];
  if ('stop' in step) return [use('present', step.stop, 'stop')];
  if ('sever' in step) return [use('joined', step.sever, 'sever')];
  if ('quit' in step) return [use('present', step.quit, 'quit')];
  if ('restart' in step) {
    const value = step.restart;
    return [
      typeof value === 'string' ? use('present', value, 'restart') : use('present', value.actor, 'restart', 'actor'),
    ];
  }
  return [];
}

function listUses(actors: string | readonly string[], kind: string): Use[] {
  if (typeof actors === 'string') return [use('present', actors, kind, 'in')];
  return actors.map((actor, k) => use('present', actor, kind, 'in', k));
}

function use(role: Role, actor: string, ...path: PathSegment[]): Use {
  return { role, actor, path };
}
