import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rootDir } from '../version.js';
import { collectRubricFiles } from './collect-rubric-files.js';

// What `sockgrade init DIR --rubric NAME` was asked.
export interface InitOptions {
  readonly dir: string;
  readonly rubric: string;
  readonly force: boolean;
  readonly print: (line: string) => void;
  readonly log: (line: string) => void;
}

// The CI examples and where they go in a course repository (DIR taken as its root, where
// GitHub and GitLab look for them).
const ciFiles = [
  { from: 'examples/ci/github-actions.yml', to: '.github/workflows/sockgrade.yml' },
  { from: 'examples/ci/gitlab-ci.yml', to: '.gitlab-ci.yml' },
] as const;

// The CI example's text with RUBRIC naming the copied rubric (the examples name udp-chat's).
function pointCiAt(text: string, rubricFile: string): string {
  return text.replace(/^(\s*RUBRIC: ).*$/m, `$1${rubricFile}`);
}

// Copies one of sockgrade's rubrics, the probes it runs (with the modules they import), its folder
// of files (files:), its JSON schema and the CI examples into a course repository, ready to validate and run; exit 0, or 2
// when refused.
export async function initCourse(options: InitOptions): Promise<number> {
  const rubricsDir = path.join(rootDir, 'rubrics');
  const shipped = readdirSync(rubricsDir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
  if (!shipped.includes(options.rubric)) {
    options.log(`init: sockgrade has no rubric "${options.rubric}" (it has ${shipped.join(', ')})`);
    return 2;
  }
  const collected = await collectRubricFiles(path.join(rubricsDir, `${options.rubric}.yaml`), 'init');
  if (!collected.ok) {
    options.log(collected.message);
    return 2;
  }
  const { rubric } = collected;
  const files = [...rubric.files, 'rubric.schema.json'].sort();
  const targets = [rubric.name, ...files, ...ciFiles.map((ci) => ci.to)];
  const existing = targets.filter((file) => existsSync(path.join(options.dir, file)));
  if (existing.length > 0 && !options.force) {
    for (const file of existing)
      options.log(`init: ${path.join(options.dir, file)} already exists; --force overwrites it`);
    return 2;
  }
  mkdirSync(options.dir, { recursive: true });
  writeFileSync(path.join(options.dir, rubric.name), rubric.text);
  for (const file of files) {
    mkdirSync(path.dirname(path.join(options.dir, file)), { recursive: true });
    copyFileSync(path.join(rubricsDir, file), path.join(options.dir, file));
  }
  for (const ci of ciFiles) {
    mkdirSync(path.dirname(path.join(options.dir, ci.to)), { recursive: true });
    writeFileSync(
      path.join(options.dir, ci.to),
      pointCiAt(readFileSync(path.join(rootDir, ci.from), 'utf8'), rubric.name),
    );
  }
  for (const file of targets) options.print(`wrote ${path.join(options.dir, file)}`);
  if (rubric.dropped !== undefined) {
    options.print(
      `dropped "${rubric.dropped}" from ${rubric.name}: the reference implementation stays with sockgrade (only sockgrade calibrate needs it)`,
    );
  }
  const copied = path.join(options.dir, rubric.name);
  options.print(`next: npx sockgrade validate ${copied}, then npx sockgrade grade SUBMISSIONS... --rubric ${copied}`);
  options.print(
    `CI: the workflows grade ${path.join(options.dir, 'submissions')}/*/ when ${options.dir} is the repository's root; set SOCKGRADE_REPOSITORY as they say (README, "Grading on CI")`,
  );
  return 0;
}
