import { revealName } from '../model/escape-text.js';
import type { Intake } from './discover-submissions.js';

// The intake as a table a lecturer reads before grading: id, name, root found, files, problems;
// then what was ignored and the download's own problems. Every name in it is the students', so
// every one is shown with its hidden characters escaped.
export function formatIntakeTable(intake: Intake): string[] {
  const rows = intake.submissions.map((s) => [
    revealName(s.id),
    revealName(s.name ?? ''),
    s.rootShown === undefined ? '–' : revealName(s.rootShown),
    String(s.files),
    s.problems.length === 0 ? 'ok' : `${s.problems.length} problem(s)`,
  ]);
  const header = ['id', 'name', 'root found', 'files', 'problems'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const lines = [line(header), ...rows.map(line)];
  for (const s of intake.submissions) for (const problem of s.problems) lines.push(`${revealName(s.id)}: ${problem}`);
  for (const item of intake.ignored) lines.push(`ignored ${item}`);
  for (const problem of intake.problems) lines.push(problem);
  const ready = intake.submissions.filter((s) => s.problems.length === 0).length;
  lines.push(
    `${intake.submissions.length} submission(s): ${ready} ready to grade, ${intake.submissions.length - ready} with problems (graded as errors)`,
  );
  return lines;
}
