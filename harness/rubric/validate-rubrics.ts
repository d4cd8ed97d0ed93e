import { plural } from '../yaml/describe-value.js';
import { formatIssue } from '../yaml/format-issues.js';
import { loadRubric } from './load-rubric.js';

// The action of `sockgrade validate <rubric...>`: prints each file's issues or a one-line summary; 0 if all load, 2 if not.
export async function validateRubrics(files: readonly string[], out: (line: string) => void): Promise<number> {
  let exitCode = 0;
  for (const file of files) {
    const loaded = await loadRubric(file);
    if (!loaded.ok) {
      loaded.issues.forEach((issue) => out(formatIssue(issue)));
      exitCode = 2;
      continue;
    }
    const { criteria } = loaded.rubric;
    const points = criteria.reduce((sum, criterion) => sum + criterion.points, 0);
    out(`ok  ${file} (${plural(criteria.length, 'criterion', 'criteria')}, ${plural(points, 'point')})`);
  }
  return exitCode;
}
