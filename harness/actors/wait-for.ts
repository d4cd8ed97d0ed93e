import type { Actor } from './actor.js';

// Waits until a condition on an actor holds, re-checking on each output and on exit;
// resolves true as soon as it holds, false at the deadline or when giveUp settles (the run has
// gone quiet). Never sleeps a fixed time.
export function waitForActor(
  actor: Actor,
  condition: () => boolean,
  timeoutMs: number,
  giveUp?: Promise<void>,
): Promise<boolean> {
  if (condition()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const check = (): void => {
      if (!condition()) return;
      done(true);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    const done = (value: boolean): void => {
      clearTimeout(timer);
      actor.off('output', check);
      actor.off('exit', check);
      resolve(value);
    };
    actor.on('output', check);
    actor.on('exit', check);
    void giveUp?.then(() => done(condition()));
  });
}

// Polls a condition that no event announces (a socket in /proc) until a deadline: at once, then
// at intervals that grow from intervalMs to eight times that, so a slow start (a server that
// forks workers first) is not slowed further by the reading of /proc.
export async function pollUntil<T>(
  probe: () => T | undefined,
  timeoutMs: number,
  stop: () => boolean,
  intervalMs = 25,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = intervalMs; ; wait = Math.min(wait * 1.5, intervalMs * 8)) {
    const value = probe();
    if (value !== undefined) return value;
    if (stop() || Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, Math.max(0, deadline - Date.now()))));
  }
}
