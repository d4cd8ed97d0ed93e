import { chownSync, cpSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

// Gives an actor its own copy of the submission, owned by the run's uid, as if on its own machine.
export function makeActorWorkdir(stageDir: string, runDir: string, actor: string, uid: number | undefined): string {
  const workdir = path.join(runDir, actor);
  mkdirSync(workdir, { recursive: true });
  cpSync(stageDir, workdir, { recursive: true, verbatimSymlinks: true });
  if (uid !== undefined) chownTree(workdir, uid);
  return workdir;
}

// Hands a directory tree to a uid, without following symbolic links out of it.
export function chownTree(dir: string, uid: number): void {
  chownSync(dir, uid, uid);
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (lstatSync(full).isDirectory()) chownTree(full, uid);
    else if (!lstatSync(full).isSymbolicLink()) chownSync(full, uid, uid);
  }
}
