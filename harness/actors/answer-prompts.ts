import type { PromptKind } from '../model/implementation.js';
import type { Actor } from './actor.js';

// The order prompts are tried in: "Server port:" is a port prompt, "user name and password" a password one.
const promptOrder: readonly PromptKind[] = ['password', 'name', 'port', 'host'];

// How long output must stay quiet before a line that does not look like a question counts as
// a prompt: Python's print() writes its text and its newline separately, so a banner such as
// "Welcome to the chat server" may sit unterminated for a moment.
const quietMs = 500;

// What the harness knows of a client's prompts so far.
export interface PromptState {
  readonly answered: Set<PromptKind>;
  firstAnswerAt: number | undefined; // offset in actor.output of the first answer
  lastAnswerAt: number; // offset in actor.output just after the last answered prompt
  stop(): void; // answers nothing more
}

// Answers each kind of prompt once, when the client's latest output asks for it: at once for an
// unterminated "…: " or "…? "; for anything else (a prompt with no punctuation, or one printed
// on a line of its own) only once output has stayed quiet for a moment, since more output
// means it was not a prompt after all.
export function answerPrompts(
  actor: Actor,
  patterns: Readonly<Record<PromptKind, RegExp>>,
  answers: Readonly<Record<PromptKind, string>>,
): PromptState {
  let timer: NodeJS.Timeout | undefined;
  const state: PromptState = {
    answered: new Set(),
    firstAnswerAt: undefined,
    lastAnswerAt: 0,
    stop: () => {
      clearTimeout(timer);
      actor.off('output', scan);
    },
  };
  const answer = (kind: PromptKind): void => {
    state.answered.add(kind);
    actor.flushPartialOutput();
    actor.note(`answered the ${kind} prompt`);
    actor.type(answers[kind]);
    state.firstAnswerAt ??= actor.output.length;
    state.lastAnswerAt = actor.output.length;
  };
  const scan = (): void => {
    clearTimeout(timer);
    const prompt = latestPrompt(actor.output.slice(state.lastAnswerAt));
    if (prompt === undefined) return;
    const kind = pickPromptKind(prompt.text, patterns, state.answered);
    if (kind === undefined) return;
    if (prompt.asks) return answer(kind);
    const seen = actor.output.length;
    timer = setTimeout(() => {
      if (actor.output.length === seen && actor.running) answer(kind);
    }, quietMs);
  };
  actor.on('output', scan);
  actor.on('exit', () => clearTimeout(timer));
  return state;
}

// Which kind of prompt a text is: the first of password, name, port and host (not yet
// answered) whose pattern it matches, so "Server port:" is a port prompt.
export function pickPromptKind(
  text: string,
  patterns: Readonly<Record<PromptKind, RegExp>>,
  answered: ReadonlySet<PromptKind> = new Set(),
): PromptKind | undefined {
  return promptOrder.find((k) => !answered.has(k) && patterns[k].test(text));
}

// The line that may be a prompt: an unterminated tail ("asks" when it ends like a question left
// open, "Name: "), or a finished line that ends like a question ("Masukkan alamat IP:").
function latestPrompt(text: string): { text: string; asks: boolean } | undefined {
  if (text === '') return undefined;
  const lines = text.split(/\r?\n/);
  const tail = lines[lines.length - 1] ?? '';
  if (tail.trim() !== '') return { text: tail, asks: /[:?>]\s*$/.test(tail) };
  const last = (lines[lines.length - 2] ?? '').trim();
  return /[:?>]$/.test(last) ? { text: last, asks: false } : undefined;
}
