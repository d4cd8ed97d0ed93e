import { lstatSync, readlinkSync } from 'node:fs';
import path from 'node:path';

// What one confined program may see besides the runtime: its own working copy, read-write, and
// the folders it needs read-only (a probe's scripts, the reference's build). Nothing else of the
// machine: not the rubric, the harness, other submissions or their stages, nor the output folder.
export interface SandboxView {
  readonly writable: string;
  readonly readable?: readonly string[];
}

// The runtime every program may read: the system's programs and libraries and its settings.
const runtimeDirs = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/etc'];

// Folders every program gets private and empty, so nothing written there outlives it or reaches
// another program (sticky and world-writable, as on a real machine).
const privateDirs = ['/tmp', '/var/tmp', '/dev/shm'];

let runtimeArgs: string[] | undefined;

// The bwrap(1) argv that shows a program only this view: the runtime read-only, fresh /proc and
// /dev, private /tmp, /var/tmp and /dev/shm, its working copy read-write; own pid, IPC and UTS
// namespaces (the network namespace is the run's: its relay must reach the program), a new
// session (no TIOCSTI into a terminal) and an end with the harness.
export function bubblewrapArgs(view: SandboxView): string[] {
  runtimeArgs ??= runtimeDirs.flatMap(describeRuntimeDir);
  const bind = (flag: '--bind' | '--ro-bind', dir: string): string[] => [
    ...ancestorsOf(dir).flatMap((parent) => ['--perms', '0755', '--dir', parent]),
    flag,
    dir,
    dir,
  ];
  return [
    'bwrap',
    '--unshare-ipc',
    '--unshare-pid',
    '--unshare-uts',
    '--unshare-cgroup-try',
    '--die-with-parent',
    '--new-session',
    ...runtimeArgs,
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    ...privateDirs.flatMap((dir) => ['--perms', '1777', '--tmpfs', dir]),
    ...bind('--bind', view.writable),
    ...(view.readable ?? []).flatMap((dir) => bind('--ro-bind', dir)),
    '--chdir',
    view.writable,
    '--',
  ];
}

// A runtime folder as it is here: bound read-only, recreated as the same link (/bin -> usr/bin
// on merged-/usr systems), or left out when the machine has none.
function describeRuntimeDir(dir: string): string[] {
  try {
    const stat = lstatSync(dir);
    if (stat.isSymbolicLink()) return ['--symlink', readlinkSync(dir), dir];
    if (stat.isDirectory()) return ['--ro-bind', dir, dir];
  } catch {
    // not on this machine
  }
  return [];
}

// The folders above a path that the sandbox must create for it, outermost first, so that the
// program's uid can walk down to its working copy (bwrap would make them 0700, root's).
function ancestorsOf(dir: string): string[] {
  const parents: string[] = [];
  for (let parent = path.dirname(path.resolve(dir)); parent !== '/'; parent = path.dirname(parent)) {
    if (!privateDirs.includes(parent)) parents.unshift(parent);
  }
  return parents;
}
