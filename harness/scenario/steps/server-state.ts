import type { ScenarioContext } from '../context.js';
import { lastLines } from '../observe.js';

// What became of the server, for a message about a client it stopped answering: "" while it runs.
export function serverState(ctx: ScenarioContext): string {
  const server = ctx.server ? ctx.actors.get(ctx.server.name)?.actor : undefined;
  if (server?.exit === undefined) return '';
  return `; the server is no longer running${lastLines(server, 6)}`;
}
