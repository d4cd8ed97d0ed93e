import path from 'node:path';
import { revealName } from '../model/escape-text.js';
import { isDirectory } from './is-directory.js';

const ownFolder = "give each submission's own folder, such as submissions/2024/alice";

// Why a command-line argument cannot be graded as a submission whose result is saved under its name, or undefined when it can.
export function describeBadSubmissionDir(dir: string): string | undefined {
  const shown = revealName(dir);
  if (!isDirectory(dir))
    return `${shown}: not a submission folder (a submission is a directory holding the student's files)`;
  if (path.basename(dir) === '..')
    return `${shown}: ends in "..", which names the folder above, not a submission; ${ownFolder}`;
  if (path.basename(path.resolve(dir)) === '')
    return `${shown}: the root folder has no name to save a result under; ${ownFolder}`;
  return undefined;
}
