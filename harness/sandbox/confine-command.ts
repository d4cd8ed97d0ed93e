import { existsSync, realpathSync } from 'node:fs';
import type { Isolation, Sandbox } from '../model/result.js';
import { bubblewrapArgs, type SandboxView } from './bubblewrap-args.js';
import { toDashUlimitScript, toPrlimitArgs, type Limits } from './limits.js';

// How one program is confined: the sandbox that shows it the machine, an unprivileged uid, limits.
export interface Confinement {
  readonly isolation: Isolation;
  readonly sandbox: Sandbox;
  readonly uid: number | undefined; // set when the harness is root: student code runs as this uid
  readonly limits: Limits;
}

// The argv that runs a shell command confined, seeing only its view. Output is unbuffered for C
// stdio (stdbuf -o0: line buffering would hold back a prompt printed without a newline). Where
// /bin/sh is dash and coreutils' libstdbuf is where stdbuf looks for it, the shell itself sets
// the limits (ulimit) and the variables stdbuf would set: the same limits and environment with
// two programs fewer per launch (prlimit and stdbuf, ~10 ms of CPU each time).
export function confineCommand(command: string, confinement: Confinement, view: SandboxView): string[] {
  const fast = shellSetup();
  const limited = fast
    ? ['/bin/sh', '-c', `${toDashUlimitScript(confinement.limits)}; ${fast}; ${command}`]
    : ['prlimit', ...toPrlimitArgs(confinement.limits), '--', 'stdbuf', '-o0', '-e0', '/bin/sh', '-c', command];
  const { uid } = confinement;
  const unprivileged =
    uid === undefined
      ? limited
      : [
          'setpriv',
          `--reuid=${uid}`,
          `--regid=${uid}`,
          '--clear-groups',
          '--no-new-privs',
          '--pdeathsig=SIGKILL',
          ...limited,
        ];
  switch (confinement.sandbox) {
    case 'bubblewrap':
      return [...bubblewrapArgs(view), ...unprivileged];
    case 'unshare':
      // In its own pid namespace, a program's descendants all end when its first process does.
      return ['unshare', '--pid', '--fork', '--kill-child', ...unprivileged];
    case 'none':
      return unprivileged;
    default: {
      const unreachable: never = confinement.sandbox;
      return unreachable;
    }
  }
}

// The environment every confined program starts with: nothing of the harness's own.
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

// Quotes a word for /bin/sh, so a path with spaces or quotes reaches the program as one argument.
export function quoteShellWord(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

const libstdbuf = '/usr/libexec/coreutils/libstdbuf.so';
let setup: string | false | undefined;

// The lines that unbuffer C stdio as `stdbuf -o0 -e0` does, when this machine lets the shell do
// it with the limits (dash, whose ulimit units toDashUlimitScript knows); false elsewhere.
function shellSetup(): string | false {
  if (setup === undefined) {
    let dash = false;
    try {
      dash = realpathSync('/bin/sh').endsWith('/dash') && existsSync(libstdbuf);
    } catch {
      // no /bin/sh to resolve: the portable chain will say why it cannot start
    }
    setup = dash && `export LD_PRELOAD=${libstdbuf} _STDBUF_O=0 _STDBUF_E=0`;
  }
  return setup;
}
