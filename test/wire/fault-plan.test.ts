import { describe, expect, it } from 'vitest';
import type { FaultStep } from '../../harness/rubric/steps/fault-step.js';
import { corruptBytes, FaultPlan } from '../../harness/wire/fault-plan.js';

const rule = (over: Partial<FaultStep>): FaultStep => ({
  kind: 'fault',
  link: 'all',
  dir: 'both',
  fault: 'drop',
  when: { probability: 0.2 },
  minBytes: 0,
  delay: 200,
  line: 1,
  ...over,
});

// The packets a plan strikes among n packets on one link and direction.
function struck(plan: FaultPlan, n: number, link = 'alice', dir: 'up' | 'down' = 'up', size = 100): number[] {
  return Array.from({ length: n }, (_, i) => i).filter(() => plan.decide(link, dir, size).kinds.length > 0);
}

describe('FaultPlan', () => {
  it('strikes the same packets for the same seed, and others for another seed', () => {
    const a = new FaultPlan('seed-1');
    const b = new FaultPlan('seed-1');
    const c = new FaultPlan('seed-2');
    for (const plan of [a, b, c]) plan.arm(rule({}));
    const first = struck(a, 200);
    expect(struck(b, 200)).toEqual(first);
    expect(struck(c, 200)).not.toEqual(first);
    expect(first.length).toBeGreaterThan(20); // about 20% of 200
    expect(first.length).toBeLessThan(70);
  });

  it('decides each link on its own count, whatever the interleaving', () => {
    const alone = new FaultPlan('k');
    alone.arm(rule({}));
    const aliceAlone = struck(alone, 50, 'alice');
    const mixed = new FaultPlan('k');
    mixed.arm(rule({}));
    const aliceMixed: number[] = [];
    for (let i = 0; i < 50; i++) {
      mixed.decide('bob', 'up', 100);
      if (mixed.decide('alice', 'up', 100).kinds.length > 0) aliceMixed.push(i);
    }
    expect(aliceMixed).toEqual(aliceAlone);
  });

  it('strikes only the next N packets long enough to carry data, on the chosen link and direction', () => {
    const plan = new FaultPlan('k');
    plan.arm(rule({ link: 'alice', dir: 'up', fault: 'corrupt', when: { next: 1 }, minBytes: 24 }));
    expect(plan.decide('alice', 'up', 10).kinds).toEqual([]); // an ack
    expect(plan.decide('bob', 'up', 100).kinds).toEqual([]);
    expect(plan.decide('alice', 'down', 100).kinds).toEqual([]);
    expect(plan.decide('alice', 'up', 100).kinds).toEqual(['corrupt']);
    expect(plan.decide('alice', 'up', 100).kinds).toEqual([]);
  });

  it('numbers the packets of each link and direction from the first armed rule, and none before', () => {
    const plan = new FaultPlan('k');
    expect(plan.decide('alice', 'up', 100)).toEqual({ kinds: [], delay: 0 }); // a join, before any rule
    plan.arm(rule({ when: { nth: 2 } }));
    expect(plan.decide('alice', 'up', 100).n).toBe(1);
    expect(plan.decide('bob', 'up', 100).n).toBe(1);
    expect(plan.decide('alice', 'up', 100)).toEqual({ kinds: ['drop'], delay: 200, n: 2 });
    expect(plan.decide('alice', 'down', 100).n).toBe(1);
  });

  it('strikes only the nth packet', () => {
    const plan = new FaultPlan('k');
    plan.arm(rule({ fault: 'duplicate', when: { nth: 3 } }));
    expect(struck(plan, 6)).toEqual([2]);
  });
});

describe('corruptBytes', () => {
  it('flips the lowest bit of a letter or digit near the middle, which stays a letter or digit', () => {
    const text = Buffer.from('alice:halo k3j9x2m1ab:1234567');
    const { bytes, at } = corruptBytes(text);
    expect(at).toBeGreaterThanOrEqual(0);
    const diff = [...bytes].map((b, i) => b ^ (text[i] ?? 0)).filter((x) => x !== 0);
    expect(diff).toEqual([1]);
    expect(String.fromCharCode(bytes[at] ?? 0)).toMatch(/[A-Za-z0-9]/);
    expect(Math.abs(at - Math.floor(text.length / 2))).toBeLessThan(4);
  });

  it('flips the middle byte of binary data with no letters', () => {
    const data = Buffer.from([0, 1, 2, 3, 4]);
    expect(corruptBytes(data)).toEqual({ bytes: Buffer.from([0, 1, 3, 3, 4]), at: 2 });
  });
});
