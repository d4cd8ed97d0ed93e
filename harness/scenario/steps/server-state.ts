import { waitForActor } from '../../actors/wait-for.js';
import type { ScenarioContext } from '../context.js';
import { lastLines } from '../observe.js';

// A server that dies on a client's reset has often not been reaped yet when its client sees the
// connection go: wait this long for its exit before saying it still runs.
const exitGraceMs = 1000;

// What became of the server, for a message about a client it stopped answering: "" while it
// runs, else its exit and last output.
export async function serverState(ctx: ScenarioContext): Promise<string> {
  const server = ctx.server ? ctx.actors.get(ctx.server.name)?.actor : undefined;
  if (server === undefined) return '';
  await waitForActor(server, () => server.exit !== undefined, exitGraceMs);
  if (server.exit === undefined) return '';
  return `; the server is no longer running${lastLines(server, 6)}`;
}
