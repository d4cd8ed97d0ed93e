import { execa } from 'execa';
import path from 'node:path';
import { parseProbeOutput } from '../../harness/probes/parse-probe-output.js';
import { buildActorEnv } from '../../harness/sandbox/confine-command.js';
import type { ProbeReport, ProbeTestPoint } from '../../harness/probes/probe-report.js';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const probesDir = path.join(repoRoot, 'rubrics', 'probes');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'probe-submissions');
export const examplesDir = path.join(repoRoot, 'submissions', 'examples', 'udp-chat');

export interface ProbeRun {
  readonly report: ProbeReport;
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number | undefined;
}

// Runs a probe as the harness does: `python3 -E -s <probe> .` with the submission as working
// directory and a confined program's environment. Its PATH finds the system's python3 as the
// sandbox does, never a version manager's shim on the host's PATH (pyenv's costs more CPU than a probe).
export async function runProbe(probe: string, submissionDir: string): Promise<ProbeRun> {
  const probePath = path.isAbsolute(probe) ? probe : path.join(probesDir, probe);
  const result = await execa('python3', ['-E', '-s', probePath, '.'], {
    cwd: submissionDir,
    env: buildActorEnv(submissionDir),
    extendEnv: false,
    reject: false,
    timeout: 60_000,
  });
  return {
    report: parseProbeOutput(result.stdout),
    stdout: result.stdout,
    stderr: result.stderr,
    exitCode: result.exitCode,
  };
}

// Runs a shipped probe on one of the tiny submissions under test/fixtures/probe-submissions.
export function runOnFixture(probe: string, fixture: string): Promise<ProbeRun> {
  return runProbe(probe, path.join(fixturesDir, fixture));
}

// The test point of that name; a missing point fails the test with the names there were.
export function pointNamed(report: ProbeReport, name: string): ProbeTestPoint {
  const point = report.tests.find((test) => test.name === name);
  if (point === undefined)
    throw new Error(`no test point "${name}" among ${JSON.stringify(report.tests.map((test) => test.name))}`);
  return point;
}

// A list-valued diagnostic (`found`, `kinds`, `unparsed`…) of a point, [] when absent.
export function diagList(point: ProbeTestPoint, key: string): string[] {
  const value = point.diag?.[key];
  return Array.isArray(value) ? value.map(String) : [];
}
