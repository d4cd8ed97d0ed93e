import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

// A worker starts once per criterion, 19 times per submission (issue 15): the modules it loads at
// start (static imports; a dynamic import() is paid only on the path that takes it, as
// probe-step.ts does with tap-parser) hold no package, and so neither zod (~100 ms of CPU per
// start) nor the YAML parser. The spec and outcome schemas (sandbox/run-spec.ts) reach it as
// types only; the harness checks both files with them.
function packagesLoadedBy(entry: string): { modules: number; packages: string[] } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const walk = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/^(?:import|export)\s(?:[^;'"]*\sfrom\s*)?['"]([^'"]+)['"]/gm)) {
      const spec = m[1] as string;
      if (spec.startsWith('.')) walk(path.resolve(path.dirname(file), spec));
      else if (!spec.startsWith('node:')) packages.add(spec);
    }
  };
  walk(entry);
  return { modules: seen.size, packages: [...packages] };
}

describe("the worker's start", () => {
  it('loads no package: its compiled static imports reach only its own modules and Node', () => {
    const loaded = packagesLoadedBy(path.join(repoRoot, 'dist', 'harness', 'worker.js'));
    expect(loaded.modules).toBeGreaterThan(20);
    expect(loaded.packages).toEqual([]);
  });

  it('would be caught loading zod', () => {
    expect(packagesLoadedBy(path.join(repoRoot, 'dist', 'harness', 'sandbox', 'run-in-sandbox.js')).packages).toContain(
      'zod',
    );
  });
});
