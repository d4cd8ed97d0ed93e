import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pairsWithReference } from '../grading/prepare-reference.js';
import { loadRubric } from '../rubric/load-rubric.js';

// A rubric ready to travel: its text without the `reference:` line, and the files it needs (probes
// and the modules they import, its folder of files), relative to the rubric's folder.
export interface RubricFiles {
  readonly name: string;
  readonly dir: string;
  readonly text: string;
  readonly dropped: string | undefined;
  readonly files: readonly string[];
}

const referenceLine = /^reference:.*\n?/m;

// Gathers what a copy of the rubric needs to grade from elsewhere (a course repository, a
// Gradescope autograder), or says why it cannot travel; `verb` starts each message ("init").
export async function collectRubricFiles(
  source: string,
  verb: string,
): Promise<{ ok: true; rubric: RubricFiles } | { ok: false; message: string }> {
  const loaded = await loadRubric(source);
  if (!loaded.ok) return { ok: false, message: `${verb}: ${source} does not load; run sockgrade validate ${source}` };
  if (pairsWithReference(loaded.rubric)) {
    return {
      ok: false,
      message: `${verb}: ${path.basename(source, '.yaml')} grades students' programs paired with sockgrade's reference implementation, which ${verb} does not copy; grade with ${source} itself`,
    };
  }
  const dir = path.dirname(path.resolve(source));
  const probes = loaded.rubric.criteria.flatMap((c) => c.steps.flatMap((s) => (s.kind === 'probe' ? [s.run] : [])));
  const served = loaded.rubric.files === undefined ? [] : listFiles(loaded.rubric.files);
  const files = [...new Set([...probes.flatMap(withImportedModules), ...served])]
    .map((file) => path.relative(dir, file))
    .sort();
  const outside = files.filter((file) => file.startsWith('..') || path.isAbsolute(file));
  if (outside.length > 0) {
    return {
      ok: false,
      message: `${verb}: ${source} needs ${outside.join(', ')}, outside the rubric's folder; keep its probes and files beside it (probes/…) so a copy finds them`,
    };
  }
  const text = readFileSync(source, 'utf8');
  const dropped = referenceLine
    .exec(text)?.[0]
    .trim()
    .replace(/\s+#.*$/, '');
  return {
    ok: true,
    rubric: { name: path.basename(source), dir, text: text.replace(referenceLine, ''), dropped, files },
  };
}

// Every file under a rubric's folder of files (what its server serves), so a copy grades alike;
// links are not followed.
function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : entry.isFile() ? [full] : [];
  });
}

// A Python probe with the sibling modules it imports (probe_common.py, …), and theirs in turn.
function withImportedModules(probe: string): string[] {
  const found = new Set<string>();
  const visit = (file: string): void => {
    if (found.has(file) || !existsSync(file)) return;
    found.add(file);
    if (!file.endsWith('.py')) return;
    for (const match of readFileSync(file, 'utf8').matchAll(/^\s*(?:from\s+(\w+)\s+import|import\s+(\w+))/gm)) {
      const name = match[1] ?? match[2];
      if (name !== undefined) visit(path.join(path.dirname(file), `${name}.py`));
    }
  };
  visit(probe);
  return [...found];
}
