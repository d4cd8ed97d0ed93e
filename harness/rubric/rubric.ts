// The loaded rubric: the YAML document normalised for the harness (durations in ms, regexes compiled, defaults filled).
import type { YamlIssue } from '../yaml/yaml-issue.js';
import type { Step } from './step-kinds.js';

// The step types, each declared with its kind in rubric/steps/.
export type { Step, StepKind } from './step-kinds.js';

// A rubric problem with its place: rubrics/udp-chat.yaml:12:7 criteria[0].points: expected …
export type RubricIssue = YamlIssue;

// What loadRubric gives: a ready rubric, or every problem found in the file.
export type LoadResult =
  { readonly ok: true; readonly rubric: Rubric } | { readonly ok: false; readonly issues: readonly RubricIssue[] };

// Whose program plays an actor: the submission's, or the reference implementation's.
export type Impl = 'student' | 'reference';
// The prompts, patterns and commands a rubric names itself (the rest are sockgrade's defaults).
export interface Declared {
  readonly prompts: readonly string[];
  readonly patterns: readonly string[];
  readonly commands: readonly string[];
}

// The prompts a client may print that the harness answers.
export type PromptName = 'host' | 'port' | 'name' | 'password';

// The rubric's default deadlines, all in milliseconds.
export interface Timeouts {
  readonly start: number;
  readonly join: number;
  readonly expect: number;
  readonly refute: number;
  readonly run: number;
}

// Command templates from the rubric; a submission's sockgrade.yaml or a convention may replace them.
export interface Launch {
  readonly server?: string;
  readonly client?: string;
  readonly build?: string;
}

// Resource limits the rubric sets; what it leaves out the sandbox fills with its own defaults.
export interface Limits {
  readonly processes?: number;
  readonly memoryMb?: number;
  readonly cpuSeconds?: number;
  readonly fileSizeMb?: number;
  readonly outputKb?: number;
  readonly submissionMb?: number;
}

// A whole rubric, ready to plan runs from.
export interface Rubric {
  readonly source: string; // absolute path of the YAML file
  readonly name: string; // the document's "rubric" key, e.g. "udp-chat"
  readonly title: string;
  readonly transport: 'udp' | 'tcp';
  readonly launch: Launch;
  readonly reference: string | undefined; // absolute path of the reference implementation
  readonly files?: string | undefined; // absolute path of a folder copied into every actor's working copy
  readonly starter?: string | undefined; // absolute path of the starter code handed out, ignored by the similarity check
  readonly password: string | undefined;
  readonly prompts: Readonly<Record<PromptName, RegExp>>;
  readonly patterns: Readonly<Record<string, RegExp>>; // always has joined and refused
  readonly timeouts: Timeouts;
  readonly limits: Limits;
  readonly commands: Readonly<Record<string, string>>; // always has file; quit only when the rubric names one
  readonly declared: Declared; // what the rubric itself names, for where each launch setting came from
  readonly criteria: readonly Criterion[];
}

// One spec of the assignment: what it is worth, what it needs first, and the scenario that tests it.
export interface Criterion {
  readonly id: string;
  readonly title: string;
  readonly points: number;
  readonly mandatory: boolean;
  readonly visibility: 'visible' | 'hidden';
  readonly requires: readonly string[];
  readonly grading: 'auto' | 'manual';
  readonly hint: string | undefined;
  readonly timeout: number; // ms for the whole run; the rubric's run timeout unless set
  readonly partial: 'proportional' | { readonly threshold: number } | undefined;
  readonly steps: readonly Step[]; // empty only when grading is manual
  readonly line: number;
}
