import { z } from 'zod';
import type { PathSegment } from '../../yaml/format-path.js';
import type { Locate } from '../../yaml/yaml-issue.js';
import { parseDuration } from '../parse-duration.js';
import type { Timeouts } from '../rubric.js';

// What turning a step document into a step needs from the rubric around it.
export interface StepContext {
  readonly timeouts: Timeouts;
  readonly rubricDir: string;
  readonly patterns: Readonly<Record<string, RegExp>>;
  readonly locate: Locate;
}

// Where a step stands: its path in the document, its line, and the rubric around it.
export interface StepPlace {
  readonly path: readonly PathSegment[];
  readonly line: number;
  readonly ctx: StepContext;
}

// How a step involves an actor: starts it, joins it, makes it send, or needs it already there (joined: as a
// client); request: the harness itself talks to the server.
export type ActorRole = 'start' | 'join' | 'send' | 'joined' | 'present' | 'request';

// One actor a step involves, with the path to where the step names it (inside the step's value).
export interface ActorUse {
  readonly role: ActorRole;
  readonly actor: string;
  readonly path: readonly PathSegment[];
}

// A step kind, declared once: the schema of its value under its key, how that value becomes the
// normalised step, and which actors it involves (for the rubric's own check of the order of actors).
export interface StepDefinition<K extends string, Doc, Normal> {
  readonly kind: K;
  readonly document: z.ZodType<{ [P in K]: Doc }>; // the whole step: a map with the one key K
  readonly normalize: (doc: Doc, at: StepPlace) => Normal;
  readonly uses: (doc: Doc) => readonly ActorUse[];
}

// Declares a step kind; the normalised step must carry the same kind.
export function defineStep<
  K extends string,
  S extends z.ZodType,
  N extends { readonly kind: K; readonly line: number },
>(
  kind: K,
  schema: S,
  rules: {
    readonly normalize: (doc: z.output<S>, at: StepPlace) => N;
    readonly uses?: (doc: z.output<S>) => readonly ActorUse[];
  },
): StepDefinition<K, z.output<S>, N> {
  const document = z.strictObject({ [kind]: schema }) as unknown as z.ZodType<{ [P in K]: z.output<S> }>;
  return { kind, document, normalize: rules.normalize, uses: rules.uses ?? (() => []) };
}

// What a table of step kinds must hold: under each key, the definition of that kind.
export type StepTable<T> = {
  readonly [K in keyof T]: {
    readonly kind: K;
    readonly document: z.ZodType;
    readonly normalize: (doc: never, at: StepPlace) => { readonly kind: K };
    readonly uses: (doc: never) => readonly ActorUse[];
  };
};

// The value under a one-key step map and its kind, looked up in a table of definitions.
function definitionOf<T extends StepTable<T>>(table: T, step: object): { kind: keyof T; value: unknown } {
  const kind = Object.keys(step)[0] as keyof T;
  return { kind, value: (step as Record<keyof T, unknown>)[kind] };
}

// Normalises a schema-valid step with its kind's definition.
export function normalizeWith<T extends StepTable<T>, N>(
  table: T,
  step: object,
  path: readonly PathSegment[],
  ctx: StepContext,
): N {
  const { kind, value } = definitionOf(table, step);
  const normalize = table[kind].normalize as (doc: unknown, at: StepPlace) => N;
  return normalize(value, { path, line: ctx.locate(path).line, ctx });
}

// The actors a schema-valid step involves, each with its path from the step's key.
export function usesWith<T extends StepTable<T>>(table: T, step: object): ActorUse[] {
  const { kind, value } = definitionOf(table, step);
  const uses = table[kind].uses as (doc: unknown) => readonly ActorUse[];
  return uses(value).map((use) => ({ ...use, path: [String(kind), ...use.path] }));
}

// A duration from the document in ms, or the fallback when the document leaves it out.
export function durationOr(value: number | string | undefined, fallback: number): number {
  return value === undefined ? fallback : parseDuration(value);
}
