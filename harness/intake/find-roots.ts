import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { isIgnoredName } from './ignored-names.js';

// How deep below an item a submission's root may sit (a zip's own folder, then one or two more).
const maxDepth = 6;

// Every folder under `top` that holds one of the entry points, shallowest first; a folder found is
// not searched further (its sub-folders belong to it). Reads names and lstat only: no link is
// followed, so a student's link cannot point the search elsewhere.
export function findRoots(top: string, entryPoints: readonly string[]): string[] {
  const roots: string[] = [];
  const walk = (folder: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(folder)
        .filter((name) => !isIgnoredName(name))
        .sort();
    } catch {
      return;
    }
    const isFile = (name: string): boolean => lstatSafe(path.join(folder, name))?.isFile() === true;
    if (names.some((name) => entryPoints.includes(name) && isFile(name))) {
      roots.push(folder);
      return;
    }
    if (depth >= maxDepth) return;
    for (const name of names)
      if (lstatSafe(path.join(folder, name))?.isDirectory()) walk(path.join(folder, name), depth + 1);
  };
  walk(top, 0);
  return roots;
}

// How many regular files a folder holds, at any depth, leaving out what isIgnoredName leaves out.
export function countFiles(folder: string): number {
  let count = 0;
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).filter((name) => !isIgnoredName(name));
    } catch {
      return;
    }
    for (const name of names) {
      const stat = lstatSafe(path.join(dir, name));
      if (stat?.isFile()) count++;
      else if (stat?.isDirectory()) walk(path.join(dir, name));
    }
  };
  walk(folder);
  return count;
}

// Every zip file under a folder (relative paths), without following links.
export function findZips(top: string): string[] {
  const zips: string[] = [];
  const walk = (relative: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(path.join(top, relative))
        .filter((name) => !isIgnoredName(name))
        .sort();
    } catch {
      return;
    }
    for (const name of names) {
      const stat = lstatSafe(path.join(top, relative, name));
      if (stat?.isFile() && name.toLowerCase().endsWith('.zip')) zips.push(path.join(relative, name));
      else if (stat?.isDirectory() && depth < maxDepth) walk(path.join(relative, name), depth + 1);
    }
  };
  walk('', 0);
  return zips;
}

function lstatSafe(file: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}
