import { openRubric } from './open-grading.js';
import { discoverSubmissions } from '../intake/discover-submissions.js';
import { listEntryPointNames } from '../intake/entry-point-names.js';
import { formatIntakeTable } from '../intake/format-intake-table.js';

// What `sockgrade intake` was asked: the lecturer's download and the rubric whose entry points mark a submission's root.
export interface IntakeOptions {
  readonly path: string;
  readonly rubric: string;
  readonly print: (line: string) => void;
  readonly log: (line: string) => void;
}

// Prints what grading --from PATH would grade, without grading; exit 0 when every submission is
// ready, 1 when some have problems, 2 when the path or the rubric cannot be read.
export async function intakeAction(options: IntakeOptions): Promise<number> {
  const rubric = await openRubric(options.rubric, options.log);
  if (!rubric) return 2;
  const found = await discoverSubmissions(options.path, listEntryPointNames(rubric));
  if (!found.ok) {
    options.log(found.message);
    return 2;
  }
  try {
    for (const line of formatIntakeTable(found.intake)) options.print(line);
    const troubled = found.intake.submissions.some((s) => s.problems.length > 0) || found.intake.problems.length > 0;
    return troubled ? 1 : 0;
  } finally {
    found.intake.remove();
  }
}
