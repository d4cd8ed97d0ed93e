import { chmodSync, chownSync, existsSync, lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { copyTree } from './copy-tree.js';
import { placeFiles } from './place-files.js';

// A build may grow a submission past its limit, but not without bound.
const maxWorkdirBytes = 512 * 1024 * 1024;
const maxWorkdirEntries = 20_000;

// Gives an actor its own copy of the stage, owned by the run's uid and private to it (0700), as
// if on its own machine; an actor that comes back (a client that rejoins) finds its machine as it
// left it. The stage was written by the student's build: it is copied without
// following links, without special files, and without files its uid does not own. The rubric's
// folder of files, when it has one, is laid over the copy.
export function makeActorWorkdir(
  stageDir: string,
  runDir: string,
  actor: string,
  uid: number | undefined,
  files?: string,
): string {
  const workdir = path.join(runDir, actor);
  if (existsSync(workdir)) return workdir;
  const copied = copyTree(stageDir, workdir, {
    maxBytes: maxWorkdirBytes,
    maxEntries: maxWorkdirEntries,
    owner: lstatSync(stageDir).uid,
    outsideLinks: 'keep',
  });
  if (!copied.ok) throw new Error(`the built submission could not be copied for ${actor}: ${copied.message}`);
  if (files !== undefined) placeFiles(files, workdir);
  if (uid !== undefined) chownTree(workdir, uid);
  chmodSync(workdir, 0o700);
  return workdir;
}

// Hands a directory tree to a uid, without following symbolic links out of it.
export function chownTree(dir: string, uid: number): void {
  chownSync(dir, uid, uid);
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    const stat = lstatSync(full);
    if (stat.isDirectory()) chownTree(full, uid);
    else if (stat.isSymbolicLink()) continue;
    else chownSync(full, uid, uid);
  }
}
