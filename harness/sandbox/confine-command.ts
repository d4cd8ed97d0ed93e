import type { Isolation } from '../grading/result.js';
import { toPrlimitArgs, type Limits } from './limits.js';

// How one actor is confined: its own pid namespace (netns mode), an unprivileged uid, limits.
export interface Confinement {
  readonly isolation: Isolation;
  readonly uid: number | undefined; // set when the harness is root: student code runs as this uid
  readonly limits: Limits;
}

// The argv that runs a shell command confined. Output is unbuffered for C stdio (stdbuf -o0:
// line buffering would hold back a prompt printed without a newline).
export function confineCommand(command: string, confinement: Confinement): string[] {
  const shell = ['stdbuf', '-o0', '-e0', '/bin/sh', '-c', command];
  const limited = ['prlimit', ...toPrlimitArgs(confinement.limits), '--', ...shell];
  const { uid } = confinement;
  const unprivileged =
    uid === undefined
      ? limited
      : ['setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--no-new-privs', '--pdeathsig=SIGKILL', ...limited];
  // In its own pid namespace, an actor's descendants all end when its first process does.
  return confinement.isolation === 'netns' ? ['unshare', '--pid', '--fork', '--kill-child', ...unprivileged] : unprivileged;
}

// The environment every actor starts with: nothing of the harness's own.
export function buildActorEnv(workdir: string): Record<string, string> {
  return {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: workdir,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    TERM: 'dumb',
    PYTHONUNBUFFERED: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONIOENCODING: 'utf-8',
  };
}
