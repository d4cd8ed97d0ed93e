import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BatchSummary, SubmissionResult } from '../model/result.js';
import { renderCsv } from './formats/render-csv.js';
import { renderGradescope } from './formats/render-gradescope.js';
import { renderHtml } from './html/render-html.js';
import { renderJunit } from './formats/render-junit.js';
import { renderClassMarkdown, renderSubmissionMarkdown } from './formats/render-markdown.js';
import { renderTap } from './formats/render-tap.js';
import type { ReportFile, ReportFormat } from './report-format.js';
import { ReportInputError } from './report-input-error.js';

// A report format: what it writes (for --help) and the pure function that renders it.
export interface ReportWriter {
  readonly description: string;
  readonly render: (results: readonly SubmissionResult[], summary: BatchSummary) => readonly ReportFile[];
}

function renderJsonFiles(results: readonly SubmissionResult[], summary: BatchSummary): ReportFile[] {
  return [
    ...results.map((result) => ({
      path: `${result.submission}/result.json`,
      text: `${JSON.stringify(result, null, 2)}\n`,
    })),
    { path: 'summary.json', text: `${JSON.stringify(summary, null, 2)}\n` },
  ];
}

// Every format by its --format name; a new ReportFormat does not compile until it has a writer.
export const reportFormats = {
  json: { description: '<submission>/result.json and summary.json (always written)', render: renderJsonFiles },
  html: {
    description: 'index.html and <submission>/index.html: charts, verdicts, wire diagrams, offline',
    render: renderHtml,
  },
  md: {
    description: 'summary.md and <submission>/summary.md, for a GitHub step summary or an LMS comment',
    render: (results, summary) => [
      { path: 'summary.md', text: renderClassMarkdown(results, summary) },
      ...results.map((result) => ({ path: `${result.submission}/summary.md`, text: renderSubmissionMarkdown(result) })),
    ],
  },
  csv: {
    description: 'grades.csv: a gradebook for Moodle and Canvas',
    render: (results, summary) => [{ path: 'grades.csv', text: renderCsv(results, summary.roster) }],
  },
  junit: {
    description: 'junit.xml: a testsuite per submission, a testcase per criterion',
    render: (results, summary) => [{ path: 'junit.xml', text: renderJunit(results, summary) }],
  },
  gradescope: {
    description: 'gradescope/<submission>.json, and gradescope/results.json when there is one submission',
    render: (results) => [
      ...results.map((result) => ({ path: `gradescope/${result.submission}.json`, text: renderGradescope(result) })),
      ...(results.length === 1 && results[0] !== undefined
        ? [{ path: 'gradescope/results.json', text: renderGradescope(results[0]) }]
        : []),
    ],
  },
  tap: {
    description: 'results.tap: TAP 14, a subtest per submission',
    render: (results) => [{ path: 'results.tap', text: renderTap(results) }],
  },
} satisfies Record<ReportFormat, ReportWriter>;

// Submission names become folder names: they must be one plain path segment, and unique.
function checkSubmissionNames(results: readonly SubmissionResult[]): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { submission } of results) {
    if (
      submission === '' ||
      submission === '.' ||
      submission === '..' ||
      /[/\\\0]/.test(submission) ||
      submission === 'gradescope'
    ) {
      problems.push(
        `submission name ${JSON.stringify(submission)} cannot be a folder of the report; rename the submission folder`,
      );
    } else if (seen.has(submission)) {
      problems.push(
        `two results are both named ${JSON.stringify(submission)}; each submission needs its own folder name`,
      );
    }
    seen.add(submission);
  }
  if (problems.length > 0) throw new ReportInputError('BAD_SUBMISSION_NAME', problems);
}

// Writes the chosen formats, and always the JSON results, under outDir, each file atomically; returns the relative paths written.
export async function writeReports(
  outDir: string,
  results: readonly SubmissionResult[],
  summary: BatchSummary,
  formats: readonly ReportFormat[],
): Promise<string[]> {
  checkSubmissionNames(results);
  const chosen = new Set<ReportFormat>(['json', ...formats]);
  const files = [...chosen].flatMap((format) => reportFormats[format].render(results, summary));
  for (const file of files) {
    const target = join(outDir, ...file.path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    // Each file appears whole or not at all: an interrupted write never leaves half a report.
    await writeFile(`${target}.partial`, file.text, 'utf8');
    await rename(`${target}.partial`, target);
  }
  return files.map((file) => file.path);
}
