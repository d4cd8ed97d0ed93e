import type { SubmissionResult } from '../../model/result.js';
import { describeStatus, isFailing } from '../describe-status.js';
import { revealControlChars } from '../../model/escape-text.js';

// GitHub shows at most 10 error annotations of a step; the rest would be dropped unseen.
const maxErrorAnnotations = 10;

// A workflow command's message, escaped as GitHub's runner unescapes it.
export function escapeAnnotationData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

// A workflow command's property value (title=…): as data, and ":" and "," too.
export function escapeAnnotationProperty(text: string): string {
  return escapeAnnotationData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

// Under GitHub Actions: an "::error" line for each criterion that fell short (fail, error, flaky),
// at most ten, then a notice saying how many more the reports hold.
export function formatGithubAnnotations(results: readonly SubmissionResult[], outDir: string): string[] {
  const failed = results.flatMap((r) => r.criteria.filter((c) => isFailing(c.status)).map((c) => ({ r, c })));
  const lines = failed.slice(0, maxErrorAnnotations).map(({ r, c }) => {
    const title = escapeAnnotationProperty(
      revealControlChars(`${r.submission} ${c.id} ${describeStatus(c.status)}`, true),
    );
    return `::error title=${title}::${escapeAnnotationData(revealControlChars(`${c.title}: ${c.message}`))}`;
  });
  const more = failed.length - lines.length;
  if (more > 0) {
    lines.push(
      `::notice title=sockgrade::${escapeAnnotationData(`${more} more criteria fell short, not annotated (GitHub shows ${maxErrorAnnotations} errors per step); see ${outDir}/summary.md`)}`,
    );
  }
  return lines;
}
