import type { ScenarioContext } from './context.js';

// Notes where the wire log and every actor's output stood as a message is typed, so that later
// steps can look only at what came after it (wire since: send, expect since: send).
export function markSend(ctx: ScenarioContext): void {
  ctx.sendMark = ctx.wire.records.length;
  for (const [name, state] of ctx.actors) ctx.sendOffsets.set(name, state.actor.output.length);
}
