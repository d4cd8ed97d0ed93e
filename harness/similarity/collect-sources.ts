import { closeSync, constants, lstatSync, openSync, readSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { isIgnoredName } from '../intake/ignored-names.js';
import { languageOf } from './tokenize-source.js';

// One source file of a submission, read for the similarity check.
export interface SourceFile {
  readonly file: string; // relative to the submission's root
  readonly text: string;
  readonly language: 'python' | 'c';
}

const maxFileBytes = 256 * 1024;
const maxFiles = 200;

// The Python and C sources under a submission's root, read defensively (lstat only, no link
// followed, O_NOFOLLOW, at most 256 KB of each file, at most 200 files).
export function collectSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (relative: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(path.join(root, relative))
        .filter((name) => !isIgnoredName(name) && name !== '__pycache__')
        .sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (files.length >= maxFiles) return;
      const file = path.join(relative, name);
      const stat = lstatSync(path.join(root, file), { throwIfNoEntry: false });
      if (stat?.isDirectory() && depth < 8) walk(file, depth + 1);
      const language = languageOf(name);
      if (!stat?.isFile() || language === undefined) continue;
      const text = readHead(path.join(root, file));
      if (text !== undefined) files.push({ file, text, language });
    }
  };
  walk('', 0);
  return files;
}

function readHead(file: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const buffer = Buffer.alloc(maxFileBytes);
    const read = readSync(fd, buffer, 0, maxFileBytes, 0);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
