import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// The directory sockgrade is installed in: reference programs and the worker are found from here.
export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// The harness version recorded in every result, read once from package.json.
export const harnessVersion: string = (
  JSON.parse(readFileSync(path.join(rootDir, 'package.json'), 'utf8')) as { version: string }
).version;
