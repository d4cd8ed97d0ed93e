import type { LimitFunction } from 'p-limit';

// How a grading stops on Ctrl-C or SIGTERM.
export interface Interruption {
  readonly signal: AbortSignal;
  // Resolves once no task of the pool runs any more: the killed runs have swept their uids.
  readonly settled: () => Promise<void>;
  // Stops the grading as an interrupt would, for a fault that ends the whole batch.
  readonly abort: () => void;
  // Stops listening for the signals.
  readonly stop: () => void;
}

// On SIGINT or SIGTERM: aborts the signal, which kills the runs in progress (their workers'
// process groups, and the uid sweep after), and drops every task still queued in the pool (made
// with rejectOnClear, so their callers see an AbortError) so that nothing new starts. A second
// signal changes nothing: the caller still waits for the runs to be cleaned up.
export function listenForInterrupt(pool: LimitFunction, onInterrupt: () => void = () => undefined): Interruption {
  const controller = new AbortController();
  const abort = (): void => {
    if (controller.signal.aborted) return;
    controller.abort();
    pool.clearQueue();
  };
  const interrupt = (): void => {
    if (!controller.signal.aborted) onInterrupt();
    abort();
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  return {
    signal: controller.signal,
    settled: async () => {
      while (pool.activeCount > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    },
    abort,
    stop: () => {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
    },
  };
}
