import { MultiBar } from 'cli-progress';
import { formatBatchProgress, type BatchProgress } from './format-batch-progress.js';

// How a batch shows its progress: an updating bar on a terminal, a plain line now and then in logs and CI.
export type ProgressMode = 'bar' | 'lines' | 'off';

// The bar only where a person watches a terminal: not in a CI log (CI=true), not on a dumb terminal.
export function chooseProgressMode(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): ProgressMode {
  if (!isTTY || env['CI'] === 'true' || env['TERM'] === 'dumb') return 'lines';
  return 'bar';
}

// True the first time, then at most once per interval: plain progress lines must not flood a log.
export function makeThrottle(intervalMs: number, now: () => number): () => boolean {
  let last: number | undefined;
  return () => {
    const time = now();
    if (last !== undefined && time - last < intervalMs) return false;
    last = time;
    return true;
  };
}

// What the batch tells the display; log() is the way every other stderr line goes while it shows.
export interface ProgressDisplay {
  readonly verdict: (submission: string) => void;
  readonly finished: (submission: string, criteria: number) => void;
  readonly log: (line: string) => void;
  readonly stop: () => void;
}

// What a display needs: the batch's size, where lines go, and (for tests) a clock and an interval.
export interface ProgressSetup {
  readonly mode: ProgressMode;
  readonly submissions: number;
  readonly criteriaEach: number; // criteria graded per submission
  readonly log: (line: string) => void;
  readonly stream?: NodeJS.WritableStream; // the bar's, stderr by default
  readonly now?: () => number;
  readonly intervalMs?: number; // between plain lines, 10 s by default
}

const barWidth = 24;

// Opens the display: counts each verdict as it is decided and shows criteria, submissions, elapsed and an estimate.
export function openProgressDisplay(setup: ProgressSetup): ProgressDisplay {
  const now = setup.now ?? Date.now;
  const started = now();
  const counted = new Map<string, number>();
  let criteriaDone = 0;
  let submissionsDone = 0;
  const progress = (): BatchProgress => ({
    criteriaDone,
    criteriaTotal: setup.submissions * setup.criteriaEach,
    submissionsDone,
    submissionsTotal: setup.submissions,
  });
  const count = {
    verdict: (submission: string): void => {
      counted.set(submission, (counted.get(submission) ?? 0) + 1);
      criteriaDone++;
    },
    // A submission kept from before or refused at intake has verdicts nobody announced: count them now.
    finished: (submission: string, criteria: number): void => {
      criteriaDone += Math.max(0, criteria - (counted.get(submission) ?? 0));
      counted.set(submission, criteria);
      submissionsDone++;
    },
  };
  const text = (): string => formatBatchProgress(progress(), now() - started);
  switch (setup.mode) {
    case 'off':
      return { ...count, log: setup.log, stop: () => undefined };
    case 'lines': {
      const due = makeThrottle(setup.intervalMs ?? 10_000, now);
      const report = (): void => {
        if (due()) setup.log(`progress: ${text()}`);
      };
      return {
        verdict: (submission) => {
          count.verdict(submission);
          report();
        },
        finished: (submission, criteria) => count.finished(submission, criteria),
        log: setup.log,
        stop: () => undefined,
      };
    }
    case 'bar': {
      const bars = new MultiBar({
        stream: setup.stream ?? process.stderr,
        hideCursor: true,
        clearOnComplete: true,
        format: () => `${drawBar(progress())} ${text()}`,
      });
      const bar = bars.create(Math.max(1, progress().criteriaTotal), 0);
      return {
        verdict: (submission) => {
          count.verdict(submission);
          bar.update(criteriaDone);
        },
        finished: (submission, criteria) => {
          count.finished(submission, criteria);
          bar.update(criteriaDone);
        },
        // Lines go above the bar at its next redraw, never through it.
        log: (line) => bars.log(`${line}\n`),
        stop: () => {
          bars.update(); // writes the lines still waiting
          bars.stop();
        },
      };
    }
  }
}

function drawBar(progress: BatchProgress): string {
  const share = progress.criteriaTotal === 0 ? 1 : Math.min(1, progress.criteriaDone / progress.criteriaTotal);
  const full = Math.round(share * barWidth);
  return `${'█'.repeat(full)}${'░'.repeat(barWidth - full)}`;
}
