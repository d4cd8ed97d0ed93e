import { createHash } from 'node:crypto';
import type { FaultStep } from '../rubric/steps/fault-step.js';

type FaultKind = FaultStep['fault'];

// A fault rule armed by a step, with what it has counted so far on each link and direction.
interface ArmedRule {
  readonly id: number;
  readonly step: FaultStep;
  readonly seen: Map<string, number>; // eligible packets per link/dir
  remaining: number; // for "next"
}

// What to do with one packet: the faults that strike it, in the order they apply.
export interface FaultDecision {
  readonly kinds: readonly FaultKind[];
  readonly delay: number;
  readonly n?: number; // the packet's number on its link and direction since the first rule was armed
}

// The faults armed in one run. Each decision depends only on the seed, the rule, the link, the
// direction and the packet's number on that link, so a replay with the same seed strikes the
// same packets whatever the timing between links.
export class FaultPlan {
  private readonly rules: ArmedRule[] = [];
  private readonly counted = new Map<string, number>(); // packets per link/dir since the first rule

  constructor(private readonly key: string) {}

  // Arms a rule from now on.
  arm(step: FaultStep): void {
    const remaining = 'next' in step.when ? step.when.next : 1;
    this.rules.push({ id: this.rules.length, step, seen: new Map(), remaining });
  }

  // The longest a packet may be held back by the rules armed so far (delay, reorder, coalesce):
  // bytes the relay still holds are not silence.
  longestDelay(): number {
    return this.rules.reduce((longest, rule) => Math.max(longest, rule.step.delay), 0);
  }

  // Decides the fate of a packet crossing a link.
  decide(link: string, dir: 'up' | 'down', size: number): FaultDecision {
    if (this.rules.length === 0) return { kinds: [], delay: 0 };
    const n = (this.counted.get(`${link}/${dir}`) ?? 0) + 1;
    this.counted.set(`${link}/${dir}`, n);
    const kinds: FaultKind[] = [];
    let delay = 0;
    for (const rule of this.rules) {
      const { step } = rule;
      if (step.link !== 'all' && step.link !== link) continue;
      if (step.dir !== 'both' && step.dir !== dir) continue;
      if (size < step.minBytes) continue;
      const slot = `${link}/${dir}`;
      const index = (rule.seen.get(slot) ?? 0) + 1;
      rule.seen.set(slot, index);
      if (!this.strikes(rule, slot, index)) continue;
      kinds.push(step.fault);
      delay = Math.max(delay, step.delay);
    }
    return { kinds, delay, n };
  }

  private strikes(rule: ArmedRule, slot: string, index: number): boolean {
    const { when } = rule.step;
    if ('probability' in when) {
      const digest = createHash('sha256').update(`${this.key}/${rule.id}/${slot}/${index}`).digest();
      return digest.readUInt32BE(0) / 0x1_0000_0000 < when.probability;
    }
    if ('nth' in when) return index === when.nth;
    if (rule.remaining <= 0) return false;
    rule.remaining--;
    return true;
  }
}

// Flips the lowest bit of one byte near the middle, preferring a letter or digit that stays a
// letter or digit, so the corruption tests the integrity check rather than the parser.
export function corruptBytes(bytes: Buffer): { bytes: Buffer; at: number } {
  const copy = Buffer.from(bytes);
  if (copy.length === 0) return { bytes: copy, at: -1 };
  const middle = Math.floor(copy.length / 2);
  for (let distance = 0; distance < copy.length; distance++) {
    for (const at of [middle + distance, middle - distance]) {
      const byte = copy[at];
      if (byte === undefined || !isAlnum(byte) || !isAlnum(byte ^ 1)) continue;
      copy[at] = byte ^ 1;
      return { bytes: copy, at };
    }
  }
  copy[middle] = (copy[middle] ?? 0) ^ 1;
  return { bytes: copy, at: middle };
}

function isAlnum(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
}
