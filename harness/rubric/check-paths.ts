import { existsSync, statSync } from 'node:fs';
import nodePath from 'node:path';
import { isPlainMap } from '../yaml/describe-value.js';
import type { IndexedCriterion } from './collect-rubric-parts.js';
import type { Finding } from '../yaml/yaml-issue.js';

// Reports the files and folders a rubric names (reference, starter, each probe) that are not
// there, relative to the rubric's own folder as they are resolved, so a rubric copied without its
// probes fails validation instead of every student's grading.
export function checkPaths(document: unknown, criteria: readonly IndexedCriterion[], rubricFile: string): Finding[] {
  const base = nodePath.dirname(nodePath.resolve(rubricFile));
  const root = isPlainMap(document) ? document : {};
  const findings: Finding[] = [];
  for (const key of ['reference', 'starter', 'files'] as const) {
    const value = root[key];
    if (typeof value === 'string' && !isFolder(nodePath.resolve(base, value))) {
      findings.push({
        path: [key],
        at: 'value',
        message: `no folder ${nodePath.resolve(base, value)} (${key} is relative to the rubric's folder)`,
      });
    }
  }
  for (const { index, criterion } of criteria) {
    criterion.steps?.forEach((step, stepIndex) => {
      if ('http' in step) {
        const named = [
          ['body', step.http.body],
          ['lacks', step.http.lacks],
        ] as const;
        for (const [key, value] of named) {
          if (value === undefined || !('file' in value) || existsSync(nodePath.resolve(base, value.file))) continue;
          const at = ['criteria', index, 'steps', stepIndex, 'http', key, 'file'];
          findings.push({
            path: at,
            at: 'value',
            message: `no file ${nodePath.resolve(base, value.file)} (an http step's file is relative to the rubric's folder)`,
          });
        }
      }
      if (!('probe' in step)) return;
      const file = nodePath.resolve(base, step.probe.run);
      if (!existsSync(file)) {
        findings.push({
          path: ['criteria', index, 'steps', stepIndex, 'probe', 'run'],
          at: 'value',
          message: `no file ${file} (a probe is relative to the rubric's folder: copy the rubric's probes/ beside it)`,
        });
      }
    });
  }
  return findings;
}

function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
