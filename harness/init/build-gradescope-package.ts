import { createWriteStream, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { harnessVersion, rootDir } from '../version.js';
import { collectRubricFiles } from './collect-rubric-files.js';
import { renderRunAutograder, renderSetupScript } from './gradescope-scripts.js';

// What `sockgrade gradescope --rubric R --out autograder.zip` was asked.
export interface GradescopeOptions {
  readonly rubric: string;
  readonly out: string;
  readonly print: (line: string) => void;
  readonly log: (line: string) => void;
}

// One file of the zip: its name there, its bytes and its Unix mode.
interface PackageEntry {
  readonly name: string;
  readonly data: Buffer;
  readonly mode: number;
}

// A rubric's file name goes into run_autograder's command line, so it stays plain.
const plainRubricName = /^[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$/;

function readEntry(file: string, name: string): PackageEntry {
  return { name, data: readFileSync(file), mode: statSync(file).mode & 0o777 };
}

// sockgrade as setup.sh installs it: package.json and its lock (npm ci reads both) and the
// compiled harness with its bundled worker; no tests, examples or source maps.
function collectSockgrade(): PackageEntry[] {
  const entries = ['package.json', 'package-lock.json'].map((file) =>
    readEntry(path.join(rootDir, file), `sockgrade/${file}`),
  );
  const walk = (dir: string): void => {
    for (const item of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, item.name);
      if (item.isDirectory()) walk(full);
      else if (item.isFile() && item.name.endsWith('.js'))
        entries.push(readEntry(full, `sockgrade/${path.relative(rootDir, full).split(path.sep).join('/')}`));
    }
  };
  walk(path.join(rootDir, 'dist', 'harness'));
  if (existsSync(path.join(rootDir, 'dist', 'worker'))) walk(path.join(rootDir, 'dist', 'worker')); // npm run build's bundle
  return entries;
}

async function writeZip(out: string, entries: readonly PackageEntry[]): Promise<void> {
  const zip = new ZipFile();
  for (const entry of entries) zip.addBuffer(entry.data, entry.name, { mode: 0o100000 | entry.mode });
  zip.end();
  // The zip appears whole or not at all, as every report sockgrade writes.
  const partial = `${out}.partial`;
  try {
    await pipeline(zip.outputStream, createWriteStream(partial));
    renameSync(partial, out);
  } finally {
    rmSync(partial, { force: true });
  }
}

// Builds the zip Gradescope's autograder specification expects: setup.sh and run_autograder at
// its root, the rubric with its probes, and sockgrade itself; exit 0, 2 when the rubric cannot
// travel, 3 when the zip cannot be written.
export async function buildGradescopePackage(options: GradescopeOptions): Promise<number> {
  const collected = await collectRubricFiles(options.rubric, 'gradescope');
  if (!collected.ok) {
    options.log(collected.message);
    return 2;
  }
  const { rubric } = collected;
  if (!plainRubricName.test(rubric.name)) {
    options.log(
      `gradescope: rename ${options.rubric} to letters, digits, ".", "_" and "-" ending in .yaml: run_autograder names it on a command line`,
    );
    return 2;
  }
  const entries: PackageEntry[] = [
    { name: 'setup.sh', data: Buffer.from(renderSetupScript(process.versions.node)), mode: 0o755 },
    { name: 'run_autograder', data: Buffer.from(renderRunAutograder(rubric.name)), mode: 0o755 },
    { name: `rubric/${rubric.name}`, data: Buffer.from(rubric.text), mode: 0o644 },
    ...rubric.files.map((file) => readEntry(path.join(rubric.dir, file), `rubric/${file.split(path.sep).join('/')}`)),
    ...collectSockgrade(),
  ];
  try {
    await writeZip(options.out, entries);
  } catch (error) {
    options.log(`gradescope: cannot write ${options.out}: ${error instanceof Error ? error.message : String(error)}`);
    return 3;
  }
  const size = statSync(options.out).size;
  options.print(
    `wrote ${options.out} (${entries.length} files, ${(size / 1024).toFixed(0)} KB): setup.sh, run_autograder, rubric/${rubric.name}${rubric.files.length > 0 ? ` with ${rubric.files.length} probe file(s)` : ''}, sockgrade ${harnessVersion}`,
  );
  if (rubric.dropped !== undefined)
    options.print(`dropped "${rubric.dropped}" from ${rubric.name}: the reference implementation stays with sockgrade`);
  options.print(
    'next: upload it on Gradescope (assignment → Configure Autograder → Zip file upload), then test it with a submission there',
  );
  return 0;
}
