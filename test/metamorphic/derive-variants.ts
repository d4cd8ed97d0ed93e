import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { defaultPatterns } from '../../harness/rubric/rubric-defaults.js';
import { transforms, type Axis, type ExampleSource, type Transform } from './transforms.js';

// Issue 11, item 5: from each udp-chat and tcp-chat example, the variants a different student
// might have written without changing what the program does (transforms.ts), and a deterministic
// sample of them to grade. A variant takes one transform per axis (prompts, port, password,
// phrasing, buffering, bind), chosen by a seed, and must earn its example's expected.yaml.

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const patternsDir = path.join(repoRoot, 'test', 'fixtures', 'patterns');

// A variant ready to write: the example it comes from, what changed, and the changed files.
export interface Variant {
  readonly name: string; // <example>--<n>
  readonly rubric: string;
  readonly example: string;
  readonly exampleDir: string;
  readonly changes: readonly string[]; // "<transform>: <what changed>"
  readonly files: ReadonlyMap<string, string>;
}

// A transform that did not apply to an example, and why.
export interface Skip {
  readonly example: string;
  readonly transform: string;
  readonly reason: string;
}

// Examples never read: hostile ones hold links to devices and secrets (and are graded by
// hostile-class.test.ts), broken ones end `error` before anything runs whatever the variant.
function excludedBecause(name: string): string | undefined {
  if (name.startsWith('hostile-')) return 'a hostile example: its files are not read here';
  if (name.startsWith('broken-')) return 'a broken example: every criterion is error before anything runs';
  return undefined;
}

// The example's regular text files (no link is followed), or why it cannot be read.
function readFiles(dir: string): Map<string, string> | string {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const stat = lstatSync(path.join(dir, name));
    if (!stat.isFile()) return `${name} is not a regular file`;
    if (name === 'expected.yaml' || stat.size > 256 * 1024) continue;
    files.set(name, readFileSync(path.join(dir, name), 'utf8'));
  }
  return files;
}

let phraseCache: Record<string, string[]> | undefined;

// The must-match phrasings of the pattern corpora, by pattern name.
function corpusPhrases(): Record<string, string[]> {
  if (phraseCache) return phraseCache;
  phraseCache = {};
  for (const file of readdirSync(patternsDir).filter((f) => f.endsWith('.yaml'))) {
    const table = parse(readFileSync(path.join(patternsDir, file), 'utf8')) as {
      pattern: string;
      match?: Record<string, string[]>;
    };
    phraseCache[table.pattern] = Object.values(table.match ?? {}).flat();
  }
  return phraseCache;
}

// Reads one example as the transforms see it, or says why it is left out.
export function readExample(rubric: string, dir: string): ExampleSource | string {
  const name = path.basename(dir);
  const excluded = excludedBecause(name);
  if (excluded) return excluded;
  const files = readFiles(dir);
  if (typeof files === 'string') return files;
  const rubricDoc = parse(readFileSync(path.join(repoRoot, 'rubrics', `${rubric}.yaml`), 'utf8')) as {
    password?: string;
    patterns?: Record<string, string>;
  };
  const manifest = (files.has('sockgrade.yaml') ? parse(files.get('sockgrade.yaml') ?? '') : undefined) as
    { server?: string; password?: string } | undefined;
  const sources = [...files.keys()].filter((file) => /\.(py|c)$/.test(file));
  return {
    rubric,
    name,
    files,
    serverFiles: sources.filter((file) => /^server\.(py|c)$/.test(file)),
    clientFiles: sources.filter((file) => /^client\.(py|c)$/.test(file)),
    password: manifest?.password ?? rubricDoc.password,
    serverTakesPort: (manifest?.server ?? '').includes('{port}'),
    patterns: { ...defaultPatterns, ...rubricDoc.patterns },
    phrases: corpusPhrases(),
  };
}

// A small deterministic generator (sha256 of the seed and a counter), so a seed names a sample.
function chooser(seed: string): (count: number) => number {
  let counter = 0;
  return (count) => {
    const digest = createHash('sha256').update(`${seed}:${counter++}`).digest();
    return count <= 0 ? 0 : digest.readUInt32BE(0) % count;
  };
}

// Every example of a rubric with the transforms that apply to it, and those that do not.
export function surveyExamples(rubric: string): { sources: ExampleSource[]; skipped: Skip[] } {
  const root = path.join(repoRoot, 'submissions', 'examples', rubric);
  const sources: ExampleSource[] = [];
  const skipped: Skip[] = [];
  for (const name of readdirSync(root).sort()) {
    if (!existsSync(path.join(root, name, 'expected.yaml'))) continue;
    const source = readExample(rubric, path.join(root, name));
    if (typeof source === 'string') {
      skipped.push({ example: name, transform: '*', reason: source });
      continue;
    }
    sources.push(source);
    for (const transform of transforms) {
      const outcome = transform.apply(source, () => 0);
      if (!outcome.applies) skipped.push({ example: name, transform: transform.name, reason: outcome.reason });
    }
  }
  return { sources, skipped };
}

// `count` variants of a rubric's examples, drawn by the seed: examples in a shuffled round, and
// for each axis one transform among those that apply.
export function sampleVariants(rubric: string, count: number, seed: string): Variant[] {
  const pick = chooser(`${rubric}:${seed}`);
  const { sources } = surveyExamples(rubric);
  const order = [...sources];
  for (let i = order.length - 1; i > 0; i--) {
    const j = pick(i + 1);
    [order[i], order[j]] = [order[j] as ExampleSource, order[i] as ExampleSource];
  }
  const axes = [...new Set(transforms.map((t) => t.axis))];
  const variants: Variant[] = [];
  for (let n = 0; n < Math.min(count, order.length); n++) {
    const source = order[n] as ExampleSource;
    let current: ExampleSource = source;
    const changes: string[] = [];
    const changed = new Map<string, string>();
    for (const axis of axes) {
      const applicable = transforms.filter((t: Transform) => t.axis === axis && t.apply(current, () => 0).applies);
      if (applicable.length === 0) continue;
      const transform = applicable[pick(applicable.length)] as Transform;
      const outcome = transform.apply(current, pick);
      if (!outcome.applies) continue;
      for (const [file, text] of outcome.files) changed.set(file, text);
      current = { ...current, files: new Map([...current.files, ...outcome.files]) };
      changes.push(`${transform.name}: ${outcome.change}`);
    }
    variants.push({
      name: `${source.name}--${n + 1}`,
      rubric,
      example: source.name,
      exampleDir: path.join(repoRoot, 'submissions', 'examples', rubric, source.name),
      changes,
      files: changed,
    });
  }
  return variants;
}

// Writes a variant as a submission folder under `parent`: the example's files, then the changed ones.
export function writeVariant(variant: Variant, parent: string): string {
  const dir = path.join(parent, variant.name);
  mkdirSync(dir, { recursive: true });
  cpSync(variant.exampleDir, dir, { recursive: true, filter: (from) => path.basename(from) !== 'expected.yaml' });
  for (const [file, text] of variant.files) writeFileSync(path.join(dir, file), text);
  return dir;
}

// The verdicts an example must earn.
export function expectedVerdicts(variant: Variant): Record<string, string> {
  return (
    parse(readFileSync(path.join(variant.exampleDir, 'expected.yaml'), 'utf8')) as { criteria: Record<string, string> }
  ).criteria;
}

// The axes in the order variants take them, for reports.
export const axisOrder: readonly Axis[] = [...new Set(transforms.map((t) => t.axis))];
