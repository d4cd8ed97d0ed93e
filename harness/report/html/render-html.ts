import type { BatchSummary, SubmissionResult } from '../../model/result.js';
import { renderClassPage } from './html-class-page.js';
import { renderSubmissionPage } from './html-submission-page.js';
import type { ReportFile } from '../report-format.js';

// The offline HTML report: index.html for the class and <submission>/index.html for each one.
export function renderHtml(results: readonly SubmissionResult[], summary: BatchSummary): ReportFile[] {
  return [
    { path: 'index.html', text: renderClassPage(results, summary) },
    ...results.map((result) => ({
      path: `${result.submission}/index.html`,
      text: renderSubmissionPage(result, { classPage: '../index.html' }),
    })),
  ];
}
