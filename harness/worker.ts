// The process that grades a run's criteria inside the run's namespaces: it brings the network up,
// plays each scenario (proxy included) and writes the outcomes for the harness to read.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { runCriterion } from './grading/run-criterion.js';
import type { RunOutcome } from './sandbox/run-spec.js';
import { specFromJson } from './sandbox/spec-json.js';
import { setupNetwork } from './sandbox/setup-network.js';
import { hideFolders, privatizeFolders } from './sandbox/hide-folders.js';
import { rootDir } from './version.js';

async function main(specPath: string): Promise<void> {
  const spec = specFromJson(await readFile(specPath, 'utf8'));
  const write = (outcomes: RunOutcome[]): void => writeFileSync(spec.outcomePath, JSON.stringify(outcomes));
  try {
    if (spec.confinement.isolation === 'netns') await setupNetwork();
    if (spec.confinement.sandbox === 'unshare') {
      // Without bubblewrap's allow-list view: cover what the run's programs must not read or
      // share with the host, in the run's own mount namespace.
      const keep = [
        spec.runDir,
        spec.student.stageDir,
        spec.reference?.stageDir ?? spec.runDir,
        rootDir,
        spec.rubric.source,
        ...(spec.rubric.files === undefined ? [] : [spec.rubric.files]),
        process.execPath,
      ];
      await hideFolders(spec.hide, keep);
      await privatizeFolders(['/var/tmp', '/dev/shm']);
    }
    const criteria = spec.criterionIds.map((id) => {
      const criterion = spec.rubric.criteria.find((c) => c.id === id);
      if (!criterion) throw new Error(`the rubric has no criterion ${id}`);
      return criterion;
    });
    // Several criteria (static probes only) play at once, each with working copies of its own.
    const single = criteria.length === 1;
    const runDirOf = (index: number): string => {
      if (single) return spec.runDir;
      const dir = path.join(spec.runDir, `criterion-${index}`);
      mkdirSync(dir, { mode: 0o711 });
      return dir;
    };
    write(await Promise.all(criteria.map((c, i) => runCriterion({ ...spec, runDir: runDirOf(i) }, spec.rubric, c))));
  } catch (error) {
    const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
    write(
      spec.criterionIds.map(() => ({
        status: 'error',
        message: `sockgrade failed while grading this criterion: ${error instanceof Error ? error.message : String(error)}`,
        evidence: {},
        durationMs: 0,
        harnessFault: reason,
      })),
    );
  }
}

const specPath = process.argv[2];
if (specPath === undefined) {
  process.stderr.write('usage: worker <spec.json>\n');
  process.exitCode = 3;
} else {
  // The worker may be the first process of a pid namespace: end explicitly, so the kernel
  // ends every process left in it.
  void main(specPath).then(() => process.exit(0));
}
