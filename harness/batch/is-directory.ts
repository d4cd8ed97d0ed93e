import { statSync } from 'node:fs';

// True for a path that exists and is a folder.
export function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
