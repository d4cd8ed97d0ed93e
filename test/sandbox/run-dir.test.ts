import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SubmissionResult } from '../../harness/model/result.js';
import { repoRoot, runSockgrade } from '../helpers/cli.js';

// The worker's spec.json and outcome.json sit in the run directory, one folder above each actor's
// copy: a student's program must not read the spec, replace it, or forge its outcome. Only root
// drops student programs to a uid of their own; without namespaces (none) a daemon also outlives
// the worker, into the moment between the worker writing its outcome and the harness reading it.
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'programs', 'run-dir');

describe.skipIf(process.getuid?.() !== 0).each(['none', 'unshare'])(
  'the run directory, --isolation %s',
  (isolation) => {
    it('refuses every attempt of a student program on the spec and the outcome, and its verdicts are the real ones', async () => {
      const out = mkdtempSync(path.join(tmpdir(), 'sockgrade-run-dir-'));
      try {
        const graded = await runSockgrade([
          'grade',
          path.join(fixtures, 'forger'),
          '--rubric',
          path.join(fixtures, 'rubric.yaml'),
          '--out',
          out,
          '--format',
          'json',
          '--reruns',
          '0',
          '--isolation',
          isolation,
        ]);
        const result = JSON.parse(readFileSync(path.join(out, 'forger', 'result.json'), 'utf8')) as SubmissionResult;
        const verdicts = result.criteria.map((c) => [c.id, c.status, c.message]);
        expect(verdicts[0], graded.stderr + JSON.stringify(result.criteria[0]?.evidence)).toEqual([
          'F1',
          'pass',
          expect.not.stringContaining('forged') as unknown,
        ]);
        expect(verdicts[1]).toEqual(['F2', 'fail', expect.not.stringContaining('forged') as unknown]);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    }, 180_000);
  },
);
