import type { Actor } from './actor.js';

export type PromptKind = 'host' | 'port' | 'name' | 'password';

// The order prompts are tried in: "Server port:" is a port prompt, "user name and password" a password one.
const promptOrder: readonly PromptKind[] = ['password', 'name', 'port', 'host'];

// What the harness knows of a client's prompts so far.
export interface PromptState {
  readonly answered: Set<PromptKind>;
  firstAnswerAt: number | undefined; // offset in actor.output of the first answer
  lastAnswerAt: number; // offset in actor.output just after the last answered prompt
}

// Answers each kind of prompt once, when the client's latest line asks for it. A prompt is an
// unterminated tail of output, or a finished line that ends like a question (":", "?", ">").
export function answerPrompts(
  actor: Actor,
  patterns: Readonly<Record<PromptKind, RegExp>>,
  answers: Readonly<Record<PromptKind, string>>,
): PromptState {
  const state: PromptState = { answered: new Set(), firstAnswerAt: undefined, lastAnswerAt: 0 };
  const scan = (): void => {
    const candidate = latestPromptLine(actor.output.slice(state.lastAnswerAt));
    if (candidate === undefined) return;
    const kind = promptOrder.find((k) => !state.answered.has(k) && patterns[k].test(candidate));
    if (kind === undefined) return;
    state.answered.add(kind);
    actor.flushPartialOutput();
    actor.note(`answered the ${kind} prompt`);
    actor.type(answers[kind]);
    state.firstAnswerAt ??= actor.output.length;
    state.lastAnswerAt = actor.output.length;
  };
  actor.on('output', scan);
  return state;
}

function latestPromptLine(text: string): string | undefined {
  if (text === '') return undefined;
  const lines = text.split(/\r?\n/);
  const tail = lines[lines.length - 1] ?? '';
  if (tail.trim() !== '') return tail;
  const last = (lines[lines.length - 2] ?? '').trim();
  return /[:?>]$/.test(last) ? last : undefined;
}
