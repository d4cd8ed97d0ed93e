import type { ScenarioContext } from './context.js';

// Fills {token}, {password}, {received} and the like in a step's text; a send step draws a fresh token first.
export function expandTemplate(
  ctx: ScenarioContext,
  template: string,
  extra: Readonly<Record<string, string>> = {},
): string {
  return template.replace(/\{([a-z]+)\}/g, (whole, key: string) => {
    if (extra[key] !== undefined) return extra[key];
    if (key === 'token') return ctx.lastToken ?? whole;
    if (key === 'password') return roomPassword(ctx);
    if (key === 'received') return lastReceived(ctx) ?? whole;
    return whole;
  });
}

// Draws the fresh token a send step's text will carry.
export function drawToken(ctx: ScenarioContext, template: string): void {
  if (!template.includes('{token}')) return;
  ctx.lastToken = ctx.random.token();
  ctx.sentTokens.push(ctx.lastToken);
}

// The room password: the one the program playing the server expects (its sockgrade.yaml, or the rubric's).
export function roomPassword(ctx: ScenarioContext): string {
  const server = ctx.server ? ctx.actors.get(ctx.server.name) : undefined;
  return (server?.impl ?? ctx.student).password;
}

// The first line of text the last client sockgrade played itself received (a server's greeting),
// so a check can ask a student's client to print exactly that.
function lastReceived(ctx: ScenarioContext): string | undefined {
  const client = [...ctx.raw.values()].at(-1);
  const line = client?.gotBytes
    .toString('utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '');
  return line;
}
