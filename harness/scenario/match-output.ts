import type { Actor } from '../actors/actor.js';
import type { ExpectStep } from '../rubric/steps/expect-step.js';
import type { RefuteStep } from '../rubric/steps/refute-step.js';
import type { ScenarioContext } from './context.js';
import { expandTemplate } from './expand-template.js';
import { findNearMiss } from './near-miss.js';
import { compilePattern } from '../rubric/compile-pattern.js';

// What an expect or refute step looks for in an actor's output, and how to say it.
export interface OutputMatcher {
  readonly describe: string;
  readonly test: (actor: Actor) => boolean;
  readonly find: (actor: Actor) => string | undefined; // the line that matched
}

// Builds the matcher for a step's text (literal, templates filled) or pattern (named or a regex).
export function buildMatcher(step: ExpectStep | RefuteStep, ctx: ScenarioContext): OutputMatcher {
  const afterSend = step.kind === 'expect' && step.since === 'send';
  const since = (actor: Actor): string => actor.output.slice(afterSend ? (ctx.sendOffsets.get(actor.name) ?? 0) : 0);
  if (step.kind === 'refute' && step.near !== undefined) {
    const token = expandTemplate(ctx, step.near);
    return {
      describe: `a corrupted variant of "${token}" (1 or 2 characters changed)`,
      test: (actor) => findNearMiss(since(actor), token) !== undefined,
      find: (actor) =>
        since(actor)
          .split(/\r?\n/)
          .find((line) => findNearMiss(line, token) !== undefined),
    };
  }
  if (step.text !== undefined) {
    const text = expandTemplate(ctx, step.text);
    return {
      describe: `"${text}"`,
      test: (actor) => since(actor).includes(text),
      find: (actor) =>
        since(actor)
          .split(/\r?\n/)
          .find((line) => line.includes(text)),
    };
  }
  // A named pattern may be overridden by the sockgrade.yaml of the program the actor runs.
  const rubricRegex = step.pattern ?? /(?!)/;
  const regexOf = (actor: Actor): RegExp => {
    const override =
      step.patternName === undefined ? undefined : ctx.actors.get(actor.name)?.impl.patterns[step.patternName];
    return override === undefined ? rubricRegex : compilePattern(override);
  };
  const name = step.patternName === undefined ? '' : `the ${step.patternName} pattern `;
  return {
    describe: `${name}/${rubricRegex.source}/`,
    test: (actor) => regexOf(actor).test(since(actor)),
    find: (actor) =>
      since(actor)
        .split(/\r?\n/)
        .find((line) => regexOf(actor).test(line)),
  };
}
