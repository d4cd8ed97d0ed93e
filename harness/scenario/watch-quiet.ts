import type { ScenarioContext } from './context.js';

// A watch on everything a run's programs do: it settles `silent` once no program has printed,
// ended, or sent a byte on any link for quietMs.
export interface QuietWatch {
  readonly quietMs: number;
  readonly silent: Promise<void>;
  fired(): boolean;
  stop(): void;
}

// How long a run must be silent before a waiting step may conclude that nothing more will come:
// the rubric's own time for a program to answer (timeouts.expect), and never less than twice
// the longest a fault rule of the run may hold a packet back.
export function quietPeriod(ctx: ScenarioContext): number {
  return Math.max(ctx.rubric.timeouts.expect, 2 * ctx.faults.longestDelay());
}

// Watches the run's actors and its wire from now until stop(). A quiet period is only believed
// when the harness was not itself starved: a timer that fires late restarts it, and before it
// settles, the output and datagrams that arrived meanwhile are read (setImmediate runs after
// the event loop's poll for I/O).
export function watchQuiet(ctx: ScenarioContext, quietMs: number): QuietWatch {
  let last = Date.now();
  let settle: () => void = () => undefined;
  const silent = new Promise<void>((resolve) => (settle = resolve));
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let didFire = false;
  const heard = (): void => {
    last = Date.now();
  };
  const arm = (delay: number): void => {
    const due = Date.now() + delay;
    timer = setTimeout(() => {
      if (stopped) return;
      if (Date.now() - due > quietMs / 4) {
        last = Date.now(); // the harness was starved: what it did not hear may have happened
        arm(quietMs);
        return;
      }
      setImmediate(() => {
        if (stopped) return;
        const since = Date.now() - last;
        if (since < quietMs) {
          arm(quietMs - since);
          return;
        }
        didFire = true;
        settle();
      });
    }, delay);
  };
  const actors = [...ctx.actors.values()].map((state) => state.actor);
  for (const actor of actors) {
    actor.on('output', heard);
    actor.on('exit', heard);
  }
  ctx.wire.on('record', heard);
  arm(quietMs);
  return {
    quietMs,
    silent,
    fired: () => didFire,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      for (const actor of actors) {
        actor.off('output', heard);
        actor.off('exit', heard);
      }
      ctx.wire.off('record', heard);
    },
  };
}

// What the evidence says of a step that ended on silence rather than at its deadline.
export function describeQuietEnd(watch: QuietWatch, withinMs: number): string {
  return `; every program and link had been silent for ${watch.quietMs / 1000} s, so sockgrade ended the step before its ${withinMs / 1000} s deadline`;
}
