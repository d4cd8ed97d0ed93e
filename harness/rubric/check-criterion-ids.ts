import type { IndexedCriterion, RubricParts } from './collect-rubric-parts.js';
import { quote } from '../yaml/describe-value.js';
import type { Finding } from '../yaml/yaml-issue.js';

const idsShown = 12;

// Reports ids used twice, requirements on ids that do not exist, and requirements that go round in a cycle.
export function checkCriterionIds(parts: RubricParts): Finding[] {
  const firstIndex = new Map<string, number>();
  const findings: Finding[] = [];
  for (const { index, id } of parts.ids) {
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, index);
    else
      findings.push({
        path: ['criteria', index, 'id'],
        at: 'value',
        message: `duplicate id ${quote(id)}, already used by criteria[${first}]`,
      });
  }
  const known = [...firstIndex.keys()];
  const shown = known.length > idsShown ? `${known.slice(0, idsShown).join(', ')}, …` : known.join(', ');
  for (const { index, criterion } of parts.criteria) {
    (criterion.requires ?? []).forEach((id, k) => {
      if (firstIndex.has(id)) return;
      findings.push({
        path: ['criteria', index, 'requires', k],
        at: 'value',
        message: `unknown criterion id ${quote(id)}; the ids are ${shown}`,
      });
    });
  }
  return [...findings, ...findCycles(parts.criteria)];
}

// Each cycle once, reported at its member that comes first in the document.
function findCycles(criteria: readonly IndexedCriterion[]): Finding[] {
  const byId = new Map<string, IndexedCriterion>();
  for (const entry of criteria) if (!byId.has(entry.criterion.id)) byId.set(entry.criterion.id, entry);
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const findings: Finding[] = [];
  const visit = (id: string): void => {
    state.set(id, 'open');
    stack.push(id);
    for (const next of byId.get(id)?.criterion.requires ?? []) {
      if (!byId.has(next)) continue;
      if (state.get(next) === 'open') report(stack.slice(stack.indexOf(next)));
      else if (state.get(next) === undefined) visit(next);
    }
    stack.pop();
    state.set(id, 'done');
  };
  const report = (members: readonly string[]): void => {
    const order = (id: string): number => byId.get(id)?.index ?? 0;
    const start = members.reduce((best, id, k) => (order(id) < order(members[best] ?? id) ? k : best), 0);
    const cycle = [...members.slice(start), ...members.slice(0, start)];
    const key = [...cycle].sort().join(' ');
    const head = byId.get(cycle[0] ?? '');
    if (reported.has(key) || !head) return;
    reported.add(key);
    const edge = (head.criterion.requires ?? []).indexOf(cycle[1] ?? cycle[0] ?? '');
    const path = ['criteria', head.index, 'requires', Math.max(edge, 0)];
    findings.push({ path, at: 'value', message: `requirements form a cycle: ${[...cycle, cycle[0]].join(' → ')}` });
  };
  for (const id of byId.keys()) if (state.get(id) === undefined) visit(id);
  return findings;
}
