import { z } from 'zod';
import { compilePattern } from '../compile-pattern.js';
import { actorList } from '../schema-fields.js';
import type { ActorUse, StepContext } from './define-step.js';

// The fields expect and refute share: whose output, and what to look for in it.
export const matchFields = {
  in: actorList,
  text: z.string().min(1).optional().describe('Literal text (templates allowed)'),
  pattern: z.string().min(1).optional().describe('A named pattern from "patterns" or a regular expression'),
  mode: z.enum(['any', 'all']).optional().describe('With several actors: any one of them, or all (default all)'),
};

type MatchDocument = {
  in: string | string[];
  text?: string | undefined;
  pattern?: string | undefined;
  mode?: 'any' | 'all' | undefined;
};

// What expect and refute look for: literal text, or a regex (patternName set when it names a rubric pattern).
export interface Match {
  readonly in: readonly string[];
  readonly text?: string;
  readonly pattern?: RegExp;
  readonly patternName?: string;
  readonly mode: 'any' | 'all';
}

// The match of an expect or refute step: actors as a list, the pattern a rubric pattern or compiled.
export function normalizeMatch(match: MatchDocument, ctx: StepContext): Match {
  const named = match.pattern === undefined ? undefined : ctx.patterns[match.pattern];
  return {
    in: typeof match.in === 'string' ? [match.in] : match.in,
    mode: match.mode ?? 'all',
    ...(match.text === undefined ? {} : { text: match.text }),
    ...(match.pattern === undefined ? {} : { pattern: named ?? compilePattern(match.pattern) }),
    ...(named === undefined || match.pattern === undefined ? {} : { patternName: match.pattern }),
  };
}

// Each actor whose output is watched must be there already.
export function listUses(match: MatchDocument): ActorUse[] {
  if (typeof match.in === 'string') return [{ role: 'present', actor: match.in, path: ['in'] }];
  return match.in.map((actor, k) => ({ role: 'present', actor, path: ['in', k] }));
}
