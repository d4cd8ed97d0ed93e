// The report formats the CLI accepts in --format, in the order it lists them.
export const reportFormatNames = ['json', 'html', 'md', 'csv', 'junit', 'gradescope', 'tap'] as const;

// One name of --format.
export type ReportFormat = (typeof reportFormatNames)[number];

// One file a renderer produces: a path relative to the output folder ("/" separated) and its text.
export interface ReportFile {
  readonly path: string;
  readonly text: string;
}

// Reads a --format list such as "html,csv"; an unknown name is an error that lists the valid ones.
export function parseReportFormats(list: string): { ok: true; formats: ReportFormat[] } | { ok: false; error: string } {
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(reportFormatNames as readonly string[]).includes(name));
  const valid = reportFormatNames.join(', ');
  if (unknown.length > 0) {
    return {
      ok: false,
      error: `unknown report format ${unknown.map((name) => `"${name}"`).join(', ')}; valid formats: ${valid}`,
    };
  }
  return { ok: true, formats: reportFormatNames.filter((name) => names.includes(name)) };
}
