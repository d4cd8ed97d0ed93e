import type { WireRecord } from '../../model/result.js';
import type { WireStep } from '../../rubric/steps/wire-step.js';
import { stepFail, stepOk, type ScenarioContext, type StepOutcome } from '../context.js';

// Waits until bytes cross a client's link in the given direction: proof on the wire itself,
// whatever the student's protocol.
export function runWireStep(step: WireStep, ctx: ScenarioContext): Promise<StepOutcome> {
  // Counted by position in the log, not by time: a reply logged in the same millisecond as the
  // send, but before it, must not count.
  const from = step.since === 'start' ? 0 : ctx.sendMark;
  const fits = (record: WireRecord): boolean =>
    record.link === step.link && record.dir === step.dir && record.size >= step.minBytes;
  const what = `${step.dir === 'up' ? `${step.link} → server` : `server → ${step.link}`}`;
  const expected = `a ${ctx.rubric.transport === 'udp' ? 'datagram' : 'segment'} of at least ${step.minBytes} bytes on ${what}${step.since === 'send' ? ' after the last message was typed' : ''}, within ${step.within / 1000} s`;
  if (ctx.wire.records.slice(from).some(fits)) return Promise.resolve(stepOk);
  return new Promise((resolve) => {
    const onRecord = (record: WireRecord): void => {
      if (!fits(record)) return;
      finish(stepOk);
    };
    const timer = setTimeout(() => {
      const seen = ctx.wire.records.slice(from).filter((r) => r.link === step.link);
      const observed =
        seen.length === 0
          ? `nothing crossed ${step.link}'s link through sockgrade's proxy; a client that ignores the typed address and port bypasses it`
          : `${seen.length} on ${step.link}'s link, none matching: ${seen
              .slice(-5)
              .map((r) => `${r.dir} ${r.size} B`)
              .join(', ')}`;
      finish(stepFail(expected, observed, [step.link, ctx.server?.name ?? 'server']));
    }, step.within);
    const finish = (outcome: StepOutcome): void => {
      clearTimeout(timer);
      ctx.wire.off('record', onRecord);
      resolve(outcome);
    };
    ctx.wire.on('record', onRecord);
  });
}
