import type { Status, SubmissionResult } from '../model/result.js';
import { revealName } from '../model/escape-text.js';
import { formatPoints } from '../report/format-values.js';

const marks: Record<Status, string> = { pass: '✓', fail: '✗', error: '!', blocked: '–', manual: '?', flaky: '~' };

// One line per graded submission: "[3/14] m2-no-forwarding   30/60  M1✓ M2✗ M3✓ M4– M5✓ M6–".
export function formatProgress(done: number, total: number, result: SubmissionResult, nameWidth: number): string {
  const counter = `[${done}/${total}]`.padEnd(String(total).length * 2 + 3);
  const score = `${formatPoints(result.score)}/${formatPoints(result.maxScore)}`.padStart(7);
  const verdicts = result.criteria.map((c) => `${c.id}${marks[c.status]}`).join(' ');
  return `${counter} ${revealName(result.submission).padEnd(nameWidth)} ${score}  ${verdicts}`;
}

// The legend printed under a batch's lines.
export function formatLegend(): string {
  return `  ${Object.entries(marks)
    .map(([status, mark]) => `${mark} ${status}`)
    .join('   ')}`;
}
