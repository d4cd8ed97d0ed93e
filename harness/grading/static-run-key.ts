import type { Criterion } from '../rubric/rubric.js';

// What decides the outcome of a criterion that only runs static probes: which probes, with how
// long each may take, within which deadline. Two such criteria with one key read the same staged
// copy with the same programs, so one run serves both (O2–O5 of udp-chat share cipher-evidence.py).
// Criteria that start programs, type or watch the wire have no key: each runs its own scenario.
export function staticRunKey(criterion: Criterion): string | undefined {
  if (criterion.steps.length === 0) return undefined;
  const probes: { readonly run: string; readonly within: number }[] = [];
  for (const step of criterion.steps) {
    if (step.kind !== 'probe') return undefined;
    probes.push({ run: step.run, within: step.within });
  }
  return JSON.stringify({ probes, timeout: criterion.timeout });
}
