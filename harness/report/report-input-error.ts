// Why saved results or overrides could not be used; the CLI prints every problem and exits 2.
export type ReportInputErrorCode = 'NO_RESULTS' | 'BAD_RESULT_FILE' | 'BAD_SUMMARY_FILE' | 'BAD_SUBMISSION_NAME';

// An input the report writers cannot use, with every problem found (not only the first).
export class ReportInputError extends Error {
  readonly code: ReportInputErrorCode;
  readonly problems: readonly string[];

  constructor(code: ReportInputErrorCode, problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ReportInputError';
    this.code = code;
    this.problems = problems;
  }
}
