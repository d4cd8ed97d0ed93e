import type { Actor } from '../actors/actor.js';
import { describeExit } from '../actors/actor.js';

// The last lines an actor printed, for a failure message: "; last output: ..." or "; it printed nothing".
export function lastLines(actor: Actor, count: number): string {
  const lines = actor.output.split(/\r?\n/).filter((line) => line.trim() !== '');
  const tail = lines.slice(-count).map((line) => truncate(line, 160));
  const state = actor.exit ? ` (it ${describeExit(actor.exit)})` : '';
  if (tail.length === 0) return `; it printed nothing${state}`;
  return `; last output${state}:\n  ${tail.join('\n  ')}`;
}

// Shortens a line for a message, marking the cut.
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
