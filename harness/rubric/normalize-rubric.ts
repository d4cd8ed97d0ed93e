import path from 'node:path';
import { compilePattern } from './compile-pattern.js';
import { normalizeStep } from './step-kinds.js';
import type { StepContext } from './steps/define-step.js';
import { parseDuration } from './parse-duration.js';
import { defaultPatterns, defaultPrompts, defaultTimeouts } from './rubric-defaults.js';
import type { Criterion, PromptName, Rubric, Timeouts } from './rubric.js';
import type { CriterionDocument, RubricDocument } from './schema.js';
import type { Locate } from '../yaml/yaml-issue.js';

// Turns a checked rubric document into the Rubric the harness runs: defaults filled, durations in ms, regexes compiled.
export function normalizeRubric(doc: RubricDocument, file: string, locate: Locate): Rubric {
  const t = doc.timeouts ?? {};
  const ms = (value: number | string | undefined, fallback: number): number =>
    value === undefined ? fallback : parseDuration(value);
  const timeouts: Timeouts = {
    start: ms(t.start, defaultTimeouts.start),
    join: ms(t.join, defaultTimeouts.join),
    expect: ms(t.expect, defaultTimeouts.expect),
    refute: ms(t.refute, defaultTimeouts.refute),
    run: ms(t.run, defaultTimeouts.run),
  };
  const promptSources = { ...defaultPrompts, ...definedOnly(doc.prompts ?? {}) };
  const prompts = {
    host: compilePattern(promptSources.host),
    port: compilePattern(promptSources.port),
    name: compilePattern(promptSources.name),
    password: compilePattern(promptSources.password),
  } satisfies Record<PromptName, RegExp>;
  const patternSources = { ...defaultPatterns, ...(doc.patterns ?? {}) };
  const patterns = Object.fromEntries(
    Object.entries(patternSources).map(([name, source]) => [name, compilePattern(source)]),
  );
  const ctx: StepContext = { timeouts, patterns, locate, rubricDir: path.dirname(path.resolve(file)) };
  return {
    source: path.resolve(file),
    name: doc.rubric,
    title: doc.title,
    transport: doc.transport,
    launch: definedOnly(doc.launch ?? {}),
    reference: doc.reference === undefined ? undefined : path.resolve(path.dirname(path.resolve(file)), doc.reference),
    ...(doc.files === undefined ? {} : { files: path.resolve(path.dirname(path.resolve(file)), doc.files) }),
    starter: doc.starter === undefined ? undefined : path.resolve(path.dirname(path.resolve(file)), doc.starter),
    password: doc.password,
    prompts,
    patterns,
    timeouts,
    limits: definedOnly(doc.limits ?? {}),
    commands: { file: '/file {path}', ...(doc.commands ?? {}) },
    declared: {
      prompts: Object.keys(definedOnly(doc.prompts ?? {})),
      patterns: Object.keys(doc.patterns ?? {}),
      commands: Object.keys(doc.commands ?? {}),
    },
    criteria: doc.criteria.map((criterion, index) => normalizeCriterion(criterion, index, ctx)),
  };
}

function normalizeCriterion(doc: CriterionDocument, index: number, ctx: StepContext): Criterion {
  const at = ['criteria', index];
  return {
    id: doc.id,
    title: doc.title,
    points: doc.points,
    mandatory: doc.mandatory ?? false,
    visibility: doc.visibility ?? 'visible',
    requires: doc.requires ?? [],
    grading: doc.grading ?? 'auto',
    hint: doc.hint,
    timeout: doc.timeout === undefined ? ctx.timeouts.run : parseDuration(doc.timeout),
    partial:
      doc.partial === undefined
        ? undefined
        : doc.partial === 'proportional'
          ? 'proportional'
          : { threshold: doc.partial.threshold },
    steps: (doc.steps ?? []).map((step, k) => normalizeStep(step, [...at, 'steps', k], ctx)),
    line: ctx.locate(at).line,
  };
}

function definedOnly<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
