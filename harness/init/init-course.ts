import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadRubric } from '../rubric/load-rubric.js';
import { pairsWithReference } from '../grading/prepare-reference.js';
import { rootDir } from '../version.js';

// What `sockgrade init DIR --rubric NAME` was asked.
export interface InitOptions {
  readonly dir: string;
  readonly rubric: string;
  readonly force: boolean;
  readonly print: (line: string) => void;
  readonly log: (line: string) => void;
}

const referenceLine = /^reference:.*\n?/m;

// Copies one of sockgrade's rubrics, the probes it runs (with the modules they import), its folder
// of files (files:) and its JSON schema into a course repository, ready to validate and run; exit 0, or 2 when refused.
export async function initCourse(options: InitOptions): Promise<number> {
  const rubricsDir = path.join(rootDir, 'rubrics');
  const shipped = readdirSync(rubricsDir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort();
  if (!shipped.includes(options.rubric)) {
    options.log(`init: sockgrade has no rubric "${options.rubric}" (it has ${shipped.join(', ')})`);
    return 2;
  }
  const source = path.join(rubricsDir, `${options.rubric}.yaml`);
  const loaded = await loadRubric(source);
  if (!loaded.ok) {
    options.log(`init: sockgrade's own ${options.rubric}.yaml does not load; run sockgrade validate ${source}`);
    return 2;
  }
  if (pairsWithReference(loaded.rubric)) {
    options.log(`init: ${options.rubric} grades students' programs paired with sockgrade's reference implementation, which init does not copy; grade with ${source} itself`);
    return 2;
  }
  const probes = loaded.rubric.criteria.flatMap((c) => c.steps.flatMap((s) => (s.kind === 'probe' ? [s.run] : [])));
  const served = loaded.rubric.files === undefined ? [] : listFiles(loaded.rubric.files);
  const files = [...new Set([...probes.flatMap(withImportedModules), ...served, path.join(rubricsDir, 'rubric.schema.json')])]
    .map((file) => path.relative(rubricsDir, file))
    .sort();
  const rubricFile = `${options.rubric}.yaml`;
  const targets = [rubricFile, ...files];
  const existing = targets.filter((file) => existsSync(path.join(options.dir, file)));
  if (existing.length > 0 && !options.force) {
    for (const file of existing) options.log(`init: ${path.join(options.dir, file)} already exists; --force overwrites it`);
    return 2;
  }
  const text = readFileSync(source, 'utf8');
  const dropped = referenceLine.exec(text)?.[0].trim();
  mkdirSync(options.dir, { recursive: true });
  writeFileSync(path.join(options.dir, rubricFile), text.replace(referenceLine, ''));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(options.dir, file)), { recursive: true });
    copyFileSync(path.join(rubricsDir, file), path.join(options.dir, file));
  }
  for (const file of targets) options.print(`wrote ${path.join(options.dir, file)}`);
  if (dropped !== undefined) {
    options.print(`dropped "${dropped.replace(/\s+#.*$/, '')}" from ${rubricFile}: the reference implementation stays with sockgrade (only sockgrade calibrate needs it)`);
  }
  const copied = path.join(options.dir, rubricFile);
  options.print(`next: npx sockgrade validate ${copied}, then npx sockgrade grade SUBMISSIONS... --rubric ${copied}`);
  return 0;
}

// Every file under a rubric's folder of files (what its server serves), so the copy grades alike.
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
