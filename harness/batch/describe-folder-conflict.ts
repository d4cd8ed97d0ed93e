import type { OutputFolder } from './read-output-folder.js';

// Why a batch may not grade into a folder holding another rubric's or another seed's results
// (its class reports would mix two gradings), or undefined when it may. --force grades anyway.
export function describeFolderConflict(
  outDir: string,
  folder: OutputFolder,
  rubric: string,
  seed: string | undefined,
): string | undefined {
  if (folder.rubric !== undefined && folder.rubric !== rubric) {
    return `${outDir}: holds the results of the rubric ${folder.rubric}, not ${rubric}; grade into another --out, or add --force to grade here anyway (the class reports then leave ${folder.rubric}'s results out)`;
  }
  if (seed !== undefined && folder.seed !== undefined && folder.seed !== seed) {
    return `${outDir}: holds results graded with seed ${folder.seed}, not ${seed}; leave out --seed to regrade with ${folder.seed}, grade into another --out, or add --force to grade here anyway`;
  }
  return undefined;
}
