import { execa } from 'execa';
import { buildActorEnv, confineCommand, type Confinement } from './confine-command.js';
import type { IsolationPlan } from './detect-isolation.js';
import { sweepUid } from './process-tree.js';

// How a confined command ended: what it printed (stdout and stderr, and both interleaved).
export interface ConfinedResult {
  readonly exitCode: number | undefined;
  readonly signal: string | undefined;
  readonly timedOut: boolean;
  readonly spawnFailed: boolean;
  readonly stdout: string;
  readonly all: string;
}

// Runs a shell command on a submission from outside a run (its build, its syntax check) exactly
// as a run's programs are run: fresh namespaces, the sandbox's view of only this folder, the
// submission's uid and limits; whatever it left running is killed with its uid.
export async function runConfined(
  command: string,
  folder: string,
  plan: IsolationPlan,
  confinement: Confinement,
  timeoutMs: number,
): Promise<ConfinedResult> {
  const argv = [...plan.unsharePrefix, ...confineCommand(command, confinement, { writable: folder })];
  const result = await execa(argv[0] as string, argv.slice(1), {
    cwd: folder,
    env: buildActorEnv(folder),
    extendEnv: false,
    reject: false,
    timeout: timeoutMs,
    all: true,
    maxBuffer: 256 * 1024,
  });
  if (confinement.uid !== undefined) await sweepUid(confinement.uid);
  return {
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut: result.timedOut,
    spawnFailed: result.code === 'ENOENT',
    stdout: String(result.stdout ?? ''),
    all: String(result.all ?? ''),
  };
}
