import { describe, expect, it } from 'vitest';
import { PortTurns } from '../../harness/sandbox/port-turns.js';

// A piece of work that records when it starts and ends only when the test says so.
function gate(log: string[], name: string): { work: () => Promise<string>; finish: () => void } {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    work: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
      return name;
    },
    finish: () => finish(),
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("turns on the machine's ports", () => {
  it('lets shared runs go side by side, and an exclusive one only alone', async () => {
    const turns = new PortTurns();
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const x = gate(log, 'x');
    const c = gate(log, 'c');
    const runs = [
      turns.run('shared', a.work),
      turns.run('shared', b.work),
      turns.run('exclusive', x.work),
      turns.run('shared', c.work),
    ];
    await settle();
    expect(log).toEqual(['start a', 'start b']); // c waits behind x, which waits for a and b
    a.finish();
    await settle();
    expect(log).toEqual(['start a', 'start b', 'end a']);
    b.finish();
    await settle();
    expect(log).toEqual(['start a', 'start b', 'end a', 'end b', 'start x']);
    x.finish();
    await settle();
    expect(log.slice(-2)).toEqual(['end x', 'start c']);
    c.finish();
    expect(await Promise.all(runs)).toEqual(['a', 'b', 'x', 'c']);
  });

  it('gives exclusive runs one at a time, in the order asked', async () => {
    const turns = new PortTurns();
    const log: string[] = [];
    const x = gate(log, 'x');
    const y = gate(log, 'y');
    const runs = [turns.run('exclusive', x.work), turns.run('exclusive', y.work)];
    await settle();
    expect(log).toEqual(['start x']);
    x.finish();
    await settle();
    expect(log).toEqual(['start x', 'end x', 'start y']);
    y.finish();
    await Promise.all(runs);
  });

  it('frees the turn when the work fails', async () => {
    const turns = new PortTurns();
    await expect(turns.run('exclusive', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await turns.run('exclusive', () => Promise.resolve('next'))).toBe('next');
  });
});
