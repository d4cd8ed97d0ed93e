import type { Rubric } from '../rubric/rubric.js';

// The files whose folder is a submission's root: the scripts the rubric launches (server.py,
// client.py), a Makefile (the C convention) and a sockgrade.yaml (a submission's own commands).
export function listEntryPointNames(rubric: Pick<Rubric, 'launch'>): string[] {
  const names = new Set(['Makefile', 'makefile', 'sockgrade.yaml']);
  for (const command of [rubric.launch.server ?? 'python3 server.py', rubric.launch.client ?? 'python3 client.py']) {
    const words = command.trim().split(/\s+/);
    const [first, second] = words;
    if (first && /^python[23]?$/.test(first) && second && !second.startsWith('-') && !second.includes('{'))
      names.add(second);
    else if (first?.startsWith('./')) names.add(first.slice(2));
  }
  return [...names];
}
