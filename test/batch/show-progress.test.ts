import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chooseProgressMode, makeThrottle, openProgressDisplay } from '../../harness/batch/show-progress.js';

// A clock the test moves by hand.
function makeClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => void (time += ms) };
}

describe('makeThrottle', () => {
  it('is due the first time, then at most once per interval', () => {
    const clock = makeClock();
    const due = makeThrottle(10_000, clock.now);
    expect(due()).toBe(true);
    clock.advance(9_999);
    expect(due()).toBe(false);
    clock.advance(1);
    expect(due()).toBe(true);
    clock.advance(5_000);
    expect(due()).toBe(false);
    clock.advance(20_000);
    expect(due()).toBe(true);
    expect(due()).toBe(false);
  });
});

describe('chooseProgressMode', () => {
  it('draws a bar only on a terminal outside CI and dumb terminals', () => {
    expect(chooseProgressMode(true, {})).toBe('bar');
    expect(chooseProgressMode(true, { NO_COLOR: '1' })).toBe('bar');
    expect(chooseProgressMode(false, {})).toBe('lines');
    expect(chooseProgressMode(true, { CI: 'true' })).toBe('lines');
    expect(chooseProgressMode(true, { TERM: 'dumb' })).toBe('lines');
  });
});

describe('openProgressDisplay', () => {
  it('prints a progress: line on the first verdict, then at most every 10 s, passing other lines through', () => {
    const clock = makeClock();
    const lines: string[] = [];
    const display = openProgressDisplay({
      mode: 'lines',
      submissions: 2,
      criteriaEach: 3,
      log: (line) => lines.push(line),
      now: clock.now,
    });
    clock.advance(2_000);
    display.verdict('alice');
    clock.advance(3_000);
    display.verdict('alice');
    display.log('[1/2] alice  3/3');
    display.finished('alice', 3);
    clock.advance(8_000);
    display.verdict('bob');
    display.stop();
    expect(lines).toEqual([
      'progress: 1/6 criteria, 0/2 submissions, 2s elapsed, about 10s left',
      '[1/2] alice  3/3',
      'progress: 4/6 criteria, 1/2 submissions, 13s elapsed, about 7s left',
    ]);
  });

  it('counts the criteria of a submission nobody announced a verdict for (kept or refused) when it is finished', () => {
    const clock = makeClock();
    const lines: string[] = [];
    const display = openProgressDisplay({
      mode: 'lines',
      submissions: 2,
      criteriaEach: 3,
      log: (line) => lines.push(line),
      now: clock.now,
      intervalMs: 0,
    });
    display.finished('kept', 3);
    clock.advance(1_000);
    display.verdict('new');
    expect(lines).toEqual(['progress: 4/6 criteria, 1/2 submissions, 1s elapsed, about 1s left']);
  });

  it('with mode off, passes lines through and prints no progress', () => {
    const lines: string[] = [];
    const display = openProgressDisplay({
      mode: 'off',
      submissions: 1,
      criteriaEach: 1,
      log: (line) => lines.push(line),
    });
    display.verdict('alice');
    display.log('[1/1] alice');
    display.finished('alice', 1);
    display.stop();
    expect(lines).toEqual(['[1/1] alice']);
  });

  it('as a bar, writes the lines logged while it shows to its stream by the time it stops', () => {
    const stream = new PassThrough();
    let written = '';
    stream.on('data', (chunk: Buffer) => (written += chunk.toString()));
    const display = openProgressDisplay({ mode: 'bar', submissions: 1, criteriaEach: 2, log: () => undefined, stream });
    display.verdict('alice');
    display.log('[1/1] alice  2/2');
    display.finished('alice', 2);
    display.stop();
    expect(written).toContain('[1/1] alice  2/2\n');
  });
});
