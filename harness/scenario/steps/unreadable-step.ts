import type { UnreadableStep } from '../../rubric/steps/unreadable-step.js';
import { findReadable } from '../../wire/find-readable.js';
import { stepError, stepFail, stepOk, type ScenarioContext, type StepOutcome } from '../context.js';
import { expandTemplate } from '../expand-template.js';

// Checks every datagram or segment of the run, both ways: no chat text may be readable in it.
export function runUnreadableStep(step: UnreadableStep, ctx: ScenarioContext): Promise<StepOutcome> {
  const texts = step.text === undefined ? ctx.sentTokens : [expandTemplate(ctx, step.text)];
  const found: { index: number; text: string; how: string }[] = [];
  ctx.wire.payloads.forEach((bytes, index) => {
    for (const text of texts) {
      const how = findReadable(bytes, text);
      if (how) found.push({ index, text, how });
    }
  });
  ctx.notes.push(`checked ${ctx.wire.payloads.length} packet(s) for ${texts.length} chat text(s)`);
  for (const dir of ['up', 'down'] as const) {
    if (!ctx.wire.records.some((record) => record.dir === dir)) {
      const way = dir === 'up' ? 'client → server' : 'server → client';
      return Promise.resolve(
        stepError(
          `packets ${way} through sockgrade's proxy, to look into`,
          `none crossed it ${way}: the traffic bypassed the proxy, so nothing shows the text is hidden`,
        ),
      );
    }
  }
  if (found.length === 0) return Promise.resolve(stepOk);
  const lines = found.slice(0, 6).map(({ index, text, how }) => {
    const record = ctx.wire.records[index];
    const where = record
      ? `${record.dir === 'up' ? `${record.link} → server` : `server → ${record.link}`}, ${record.size} B at ${(record.t / 1000).toFixed(2)} s`
      : `packet ${index}`;
    return `"${text}" as ${how} (${where})`;
  });
  const directions = new Set(found.map(({ index }) => ctx.wire.records[index]?.dir));
  const which =
    directions.size === 2 ? 'both directions' : directions.has('up') ? 'client → server' : 'server → client';
  return Promise.resolve(
    stepFail(
      'no chat text readable in any packet, either way (plain, base64, hex or UTF-16)',
      `chat text crossed the wire readable (${which}):\n  ${lines.join('\n  ')}`,
      [],
      found.map(({ index }) => index),
    ),
  );
}
