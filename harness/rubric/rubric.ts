// The loaded rubric: the YAML document normalised for the harness (durations in ms, regexes compiled, defaults filled).
import type { YamlIssue } from '../yaml/yaml-issue.js';

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

// Launches an actor (usually the server) and waits, up to within ms, for it to bind its port.
export interface StartStep {
  readonly kind: 'start';
  readonly actor: string;
  readonly impl: Impl;
  readonly within: number;
  readonly line: number;
}

// Launches a client, answers its prompts, and (wait: joined) waits for the joined pattern.
export interface JoinStep {
  readonly kind: 'join';
  readonly as: string;
  readonly name: string; // the actor name unless set; may hold {templates}
  readonly password: string | undefined; // undefined: the room password (rubric or manifest)
  readonly wait: 'joined' | 'none';
  readonly impl: Impl;
  readonly within: number;
  readonly line: number;
}

// Types a chat line into a client; optional skips it when that client has already exited.
export interface SendStep {
  readonly kind: 'send';
  readonly from: string;
  readonly text: string;
  readonly optional: boolean;
  readonly line: number;
}

// What expect and refute look for: literal text, or a regex (patternName set when it names a rubric pattern).
export interface Match {
  readonly in: readonly string[];
  readonly text?: string;
  readonly pattern?: RegExp;
  readonly patternName?: string;
  readonly mode: 'any' | 'all';
}

// Passes when the text or pattern appears in the actors' output within the deadline.
export interface ExpectStep extends Match {
  readonly kind: 'expect';
  readonly since: 'send' | 'start';
  readonly within: number;
  readonly line: number;
}

// Passes when the text or pattern does not appear for the whole watch period.
export interface RefuteStep extends Match {
  readonly kind: 'refute';
  readonly near?: string; // fails on this text with 1 or 2 characters changed
  readonly for: number;
  readonly line: number;
}

// Passes when a client is refused: it prints the refused pattern, or exits.
export interface RejectedStep {
  readonly kind: 'rejected';
  readonly actor: string;
  readonly within: number;
  readonly line: number;
}

// Passes when bytes cross a client's link through the proxy, in the given direction.
export interface WireStep {
  readonly kind: 'wire';
  readonly link: string;
  readonly dir: 'up' | 'down';
  readonly since: 'send' | 'start';
  readonly minBytes: number;
  readonly within: number;
  readonly line: number;
}

// Ends an actor's process (a server can be started again with restart).
export interface StopStep {
  readonly kind: 'stop';
  readonly actor: string;
  readonly line: number;
}

// Starts a stopped server again in the same working copy, so its files survive.
export interface RestartStep {
  readonly kind: 'restart';
  readonly actor: string;
  readonly within: number;
  readonly line: number;
}

// Makes a client leave the way its user would (its quit command).
export interface QuitStep {
  readonly kind: 'quit';
  readonly actor: string;
  readonly line: number;
}

// Where a fault strikes: which link and direction, and which packets.
export interface FaultStep {
  readonly kind: 'fault';
  readonly link: string; // a client actor, or "all"
  readonly dir: 'up' | 'down' | 'both';
  readonly fault: 'drop' | 'corrupt' | 'duplicate' | 'reorder' | 'delay' | 'split' | 'coalesce';
  readonly when: { readonly probability: number } | { readonly next: number } | { readonly nth: number };
  readonly minBytes: number;
  readonly delay: number; // ms
  readonly line: number;
}

export interface BurstStep {
  readonly kind: 'burst';
  readonly from: string;
  readonly count: number;
  readonly text: string;
  readonly line: number;
}

export interface DeliveredStep {
  readonly kind: 'delivered';
  readonly in: string;
  readonly within: number;
  readonly line: number;
}

export interface UnreadableStep {
  readonly kind: 'unreadable';
  readonly text: string | undefined; // undefined: every token sent in the run
  readonly line: number;
}

export interface FileStep {
  readonly kind: 'file';
  readonly from: string;
  readonly size: number; // bytes
  readonly line: number;
}

export interface ReceivedStep {
  readonly kind: 'received';
  readonly in: string;
  readonly within: number;
  readonly line: number;
}

export interface ProbeStep {
  readonly kind: 'probe';
  readonly run: string; // absolute path of the probe
  readonly within: number;
  readonly line: number;
}

export interface CrowdStep {
  readonly kind: 'crowd';
  readonly size: number;
  readonly messages: number;
  readonly within: number;
  readonly line: number;
}

export interface SeverStep {
  readonly kind: 'sever';
  readonly link: string;
  readonly line: number;
}

// sockgrade's own client: opens a TCP connection or a UDP socket to the server through the proxy.
export interface ConnectStep {
  readonly kind: 'connect';
  readonly as: string;
  readonly line: number;
}

// Sends bytes from sockgrade's own client: a text, or size seeded random bytes (one datagram on UDP).
export interface SendBytesStep {
  readonly kind: 'send-bytes';
  readonly from: string;
  readonly bytes: { readonly text: string } | { readonly size: number; readonly content: 'binary' | 'text' };
  readonly line: number;
}

// Passes when everything the client sent since the last such check came back, byte for byte.
export interface EchoedStep {
  readonly kind: 'echoed';
  readonly in: string;
  readonly within: number;
  readonly line: number;
}

// The harness itself sends an HTTP request over a raw TCP socket straight to the server (the run's
// loopback), in segments when split, and checks the response.
export interface HttpStep {
  readonly kind: 'http';
  readonly request: string; // sent as UTF-8; split offsets count its bytes
  readonly split: readonly number[]; // byte offsets, ascending
  readonly pause: number; // ms between segments
  readonly clients: number; // 1, or clients at once, the first holding its request half-sent
  readonly status: readonly number[] | undefined; // any of these
  readonly headers: Readonly<Record<string, string>>; // name (any case) to regex source; {length} is the body's length
  readonly body: { readonly file: string } | { readonly pattern: RegExp } | undefined; // file: absolute path
  readonly lacks: string | undefined; // absolute path of a file whose content the body must not hold
  readonly within: number;
  readonly line: number;
}

// Passes when the server closes the client's connection (FIN) after sending at least minBytes.
export interface ClosedStep {
  readonly kind: 'closed';
  readonly in: string;
  readonly minBytes: number;
  readonly within: number;
  readonly line: number;
}

// Ends the client's side gently: shutdown(SHUT_WR); the server should send the rest and close.
export interface HalfCloseStep {
  readonly kind: 'half-close';
  readonly client: string;
  readonly line: number;
}

// Ends the client's connection abruptly with a reset (SO_LINGER 0).
export interface ResetStep {
  readonly kind: 'reset';
  readonly client: string;
  readonly line: number;
}

// The steps that only observe, and so may be combined under "any".
export type CheckStep = ExpectStep | RefuteStep | WireStep;

// Passes as soon as one of its checks passes.
export interface AnyStep {
  readonly kind: 'any';
  readonly checks: readonly CheckStep[];
  readonly line: number;
}

// One step of a scenario, discriminated by kind; the interpreter has one handler per kind.
export type Step =
  | StartStep
  | JoinStep
  | SendStep
  | ExpectStep
  | RefuteStep
  | RejectedStep
  | WireStep
  | StopStep
  | RestartStep
  | QuitStep
  | AnyStep
  | FaultStep
  | BurstStep
  | DeliveredStep
  | UnreadableStep
  | FileStep
  | ReceivedStep
  | ProbeStep
  | CrowdStep
  | SeverStep
  | ConnectStep
  | SendBytesStep
  | EchoedStep
  | ClosedStep
  | HalfCloseStep
  | ResetStep
  | HttpStep;

// Every step kind, for tables typed satisfies Record<StepKind, …>.
export type StepKind = Step['kind'];
