import path from 'node:path';
import { discoverSubmissions } from '../intake/discover-submissions.js';
import { listEntryPointNames } from '../intake/entry-point-names.js';
import { formatIntakeTable } from '../intake/format-intake-table.js';
import type { Rubric } from '../rubric/rubric.js';
import { isDirectory } from './is-directory.js';

// One submission a batch grades: its id (the result's name), the folder to grade, and, for one the
// intake found unfit, why every criterion is an error.
export interface BatchSubmission {
  readonly id: string;
  readonly dir: string;
  readonly shown: string; // the folder or the download entry, as the lecturer names it
  readonly name?: string; // the student's name, where the download gives it (Moodle)
  readonly refusal?: string;
}

// The submissions to grade, with the folders their runs must not see and how to clean up after.
export interface OpenedSubmissions {
  readonly submissions: readonly BatchSubmission[];
  readonly hide: readonly string[];
  readonly remove: () => void;
}

// Takes the folders named on the command line as they are, and, with --from, every submission the
// intake finds there (its table is logged first, so the lecturer sees what is graded); undefined
// after logging why the download cannot be read (exit 2).
export async function openSubmissions(
  dirs: readonly string[],
  from: string | undefined,
  rubric: Rubric,
  log: (line: string) => void,
): Promise<OpenedSubmissions | undefined> {
  const plain = dirs.map((dir) => ({ id: path.basename(path.resolve(dir)), dir, shown: dir }));
  if (from === undefined) return { submissions: plain, hide: [], remove: () => undefined };
  const found = await discoverSubmissions(from, listEntryPointNames(rubric));
  if (!found.ok) {
    log(found.message);
    return undefined;
  }
  const { intake } = found;
  for (const line of formatIntakeTable(intake)) log(line);
  const taken = intake.submissions.map((s) => ({
    id: s.id,
    dir: s.root ?? from,
    shown: s.source,
    ...(s.name ? { name: s.name } : {}),
    ...(s.root === undefined || s.problems.length > 0 ? { refusal: `Not graded: ${s.problems.join('; ')}` } : {}),
  }));
  const workspace = intake.workspace;
  const hide = isDirectory(from) ? [workspace, path.resolve(from)] : [workspace];
  return { submissions: [...plain, ...taken], hide, remove: intake.remove };
}
