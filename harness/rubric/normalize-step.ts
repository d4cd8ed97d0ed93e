import nodePath from 'node:path';
import { compilePattern } from './compile-pattern.js';
import type { PathSegment } from '../yaml/format-path.js';
import { parseDuration } from './parse-duration.js';
import { parseSize } from './parse-size.js';
import type { CheckStep, Match, Step, Timeouts } from './rubric.js';
import type { StepDocument } from './schema.js';
import type { Locate } from '../yaml/yaml-issue.js';

// What turning a step document into a step needs from the rubric around it.
export interface StepContext {
  readonly timeouts: Timeouts;
  readonly rubricDir: string;
  readonly patterns: Readonly<Record<string, RegExp>>;
  readonly locate: Locate;
}

type Duration = number | string | undefined;
type CheckDocument = Extract<StepDocument, { expect: unknown } | { refute: unknown } | { wire: unknown }>;
type MatchDocument = {
  in: string | string[];
  text?: string | undefined;
  pattern?: string | undefined;
  mode?: 'any' | 'all' | undefined;
};

// Turns a schema-valid step into its normalised form: a kind, durations in ms, defaults filled, patterns compiled.
export function normalizeStep(step: StepDocument, path: readonly PathSegment[], ctx: StepContext): Step {
  const line = ctx.locate(path).line;
  const ms = (value: Duration, fallback: number): number => (value === undefined ? fallback : parseDuration(value));
  if ('any' in step)
    return { kind: 'any', checks: step.any.map((check, k) => normalizeCheck(check, [...path, 'any', k], ctx)), line };
  if ('start' in step) {
    const s = typeof step.start === 'string' ? { actor: step.start } : step.start;
    return { kind: 'start', actor: s.actor, impl: s.impl ?? 'student', within: ms(s.within, ctx.timeouts.start), line };
  }
  if ('join' in step) {
    const j = typeof step.join === 'string' ? { as: step.join } : step.join;
    const within = ms(j.within, ctx.timeouts.join);
    return {
      kind: 'join',
      as: j.as,
      name: j.name ?? j.as,
      password: j.password,
      wait: j.wait ?? 'joined',
      impl: j.impl ?? 'student',
      within,
      line,
    };
  }
  if ('send' in step)
    return { kind: 'send', from: step.send.from, text: step.send.text, optional: step.send.optional ?? false, line };
  if ('rejected' in step) {
    const r = typeof step.rejected === 'string' ? { actor: step.rejected } : step.rejected;
    return { kind: 'rejected', actor: r.actor, within: ms(r.within, ctx.timeouts.join), line };
  }
  if ('stop' in step) return { kind: 'stop', actor: step.stop, line };
  if ('sever' in step) return { kind: 'sever', link: step.sever, line };
  if ('quit' in step) return { kind: 'quit', actor: step.quit, line };
  if ('restart' in step) {
    const r = typeof step.restart === 'string' ? { actor: step.restart } : step.restart;
    return { kind: 'restart', actor: r.actor, within: ms(r.within, ctx.timeouts.start), line };
  }
  if ('fault' in step) {
    const f = step.fault;
    const when =
      f.probability !== undefined
        ? { probability: f.probability }
        : f.next !== undefined
          ? { next: f.next }
          : { nth: f.nth ?? 1 };
    const minBytes = f.minBytes ?? (f.kind === 'corrupt' ? 24 : 0);
    return {
      kind: 'fault',
      link: f.link ?? 'all',
      dir: f.dir ?? 'both',
      fault: f.kind,
      when,
      minBytes,
      delay: ms(f.delay, 200),
      line,
    };
  }
  if ('burst' in step) return { kind: 'burst', ...step.burst, line };
  if ('delivered' in step)
    return { kind: 'delivered', in: step.delivered.in, within: ms(step.delivered.within, ctx.timeouts.expect), line };
  if ('unreadable' in step) return { kind: 'unreadable', text: step.unreadable.text, line };
  if ('file' in step) return { kind: 'file', from: step.file.from, size: parseSize(step.file.size), line };
  if ('received' in step)
    return { kind: 'received', in: step.received.in, within: ms(step.received.within, ctx.timeouts.expect), line };
  if ('probe' in step) {
    return {
      kind: 'probe',
      run: nodePath.resolve(ctx.rubricDir, step.probe.run),
      within: ms(step.probe.within, 30_000),
      line,
    };
  }
  if ('crowd' in step) {
    const c = step.crowd;
    return { kind: 'crowd', size: c.size, messages: c.messages, within: ms(c.within, ctx.timeouts.expect), line };
  }
  if ('connect' in step) return { kind: 'connect', as: step.connect, line };
  if ('send-bytes' in step) {
    const b = step['send-bytes'];
    const bytes =
      b.text !== undefined
        ? { text: b.text }
        : { size: b.size === 0 || b.size === undefined ? 0 : parseSize(b.size), content: b.content ?? 'binary' };
    return { kind: 'send-bytes', from: b.from, bytes, line };
  }
  if ('echoed' in step) {
    const e = typeof step.echoed === 'string' ? { in: step.echoed } : step.echoed;
    return { kind: 'echoed', in: e.in, within: ms(e.within, ctx.timeouts.expect), line };
  }
  if ('closed' in step) {
    const c = typeof step.closed === 'string' ? { in: step.closed } : step.closed;
    return { kind: 'closed', in: c.in, minBytes: c.minBytes ?? 0, within: ms(c.within, ctx.timeouts.expect), line };
  }
  if ('half-close' in step) return { kind: 'half-close', client: step['half-close'], line };
  if ('reset' in step) return { kind: 'reset', client: step.reset, line };
  if ('http' in step) return normalizeHttp(step.http, ctx, line);
  return normalizeCheck(step, path, ctx);
}

type HttpDocument = Extract<StepDocument, { http: unknown }>['http'];

function normalizeHttp(h: HttpDocument, ctx: StepContext, line: number): Step {
  const inRubric = (file: string): string => nodePath.resolve(ctx.rubricDir, file);
  const request = h.request ?? `GET ${h.get ?? '/'} HTTP/1.0\r\nHost: localhost\r\n\r\n`;
  const body =
    h.body === undefined
      ? undefined
      : 'file' in h.body
        ? { file: inRubric(h.body.file) }
        : { pattern: compilePattern(h.body.pattern) };
  return {
    kind: 'http',
    request,
    split: [...new Set(h.split ?? [])].filter((at) => at < request.length).sort((a, b) => a - b),
    pause: h.pause === undefined ? 300 : parseDuration(h.pause),
    clients: h.clients ?? 1,
    status: h.status === undefined ? undefined : [h.status].flat(),
    headers: h.headers ?? {},
    body,
    lacks: h.lacks === undefined ? undefined : inRubric(h.lacks.file),
    within: h.within === undefined ? ctx.timeouts.expect : parseDuration(h.within),
    line,
  };
}

function normalizeCheck(check: CheckDocument, path: readonly PathSegment[], ctx: StepContext): CheckStep {
  const line = ctx.locate(path).line;
  const ms = (value: Duration, fallback: number): number => (value === undefined ? fallback : parseDuration(value));
  if ('expect' in check) {
    const since = check.expect.since ?? 'start';
    return {
      kind: 'expect',
      ...normalizeMatch(check.expect, ctx),
      since,
      within: ms(check.expect.within, ctx.timeouts.expect),
      line,
    };
  }
  if ('refute' in check) {
    const near = check.refute.near === undefined ? {} : { near: check.refute.near };
    return {
      kind: 'refute',
      ...normalizeMatch(check.refute, ctx),
      ...near,
      for: ms(check.refute.for, ctx.timeouts.refute),
      line,
    };
  }
  const w = check.wire;
  return {
    kind: 'wire',
    link: w.link,
    dir: w.dir,
    since: w.since ?? 'send',
    minBytes: w.minBytes ?? 1,
    within: ms(w.within, ctx.timeouts.expect),
    line,
  };
}

function normalizeMatch(match: MatchDocument, ctx: StepContext): Match {
  const named = match.pattern === undefined ? undefined : ctx.patterns[match.pattern];
  return {
    in: typeof match.in === 'string' ? [match.in] : match.in,
    mode: match.mode ?? 'all',
    ...(match.text === undefined ? {} : { text: match.text }),
    ...(match.pattern === undefined ? {} : { pattern: named ?? compilePattern(match.pattern) }),
    ...(named === undefined || match.pattern === undefined ? {} : { patternName: match.pattern }),
  };
}
