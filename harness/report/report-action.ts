import { applyOverrides, loadOverrides } from './overrides/overrides.js';
import { readResults, readSummary } from './read-results.js';
import { reportFormatNames, type ReportFormat } from './report-format.js';
import { ReportInputError } from './report-input-error.js';
import { summarizeResults } from './summarize-results.js';
import { writeReports } from './write-reports.js';

// Options of `sockgrade report <out-dir>`.
export interface ReportActionOptions {
  readonly overrides?: string; // overrides.yaml to apply
  readonly formats?: readonly ReportFormat[]; // all formats when absent
  readonly out?: string; // where to write; the results' own folder when absent
  readonly log?: (line: string) => void; // progress and problems; stderr when absent
}

// `sockgrade report`: re-renders saved results (with overrides) without re-grading; exit 0 ok, 2 bad input.
export async function reportAction(outDir: string, options: ReportActionOptions = {}): Promise<number> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  try {
    let results = await readResults(outDir);
    const previous = await readSummary(outDir);
    if (options.overrides !== undefined) {
      const loaded = await loadOverrides(options.overrides, results);
      if (!loaded.ok) {
        for (const error of loaded.errors) log(error);
        return 2;
      }
      results = applyOverrides(results, loaded.overrides);
    }
    const summary = summarizeResults(results, previous);
    const target = options.out ?? outDir;
    const written = await writeReports(target, results, summary, options.formats ?? reportFormatNames);
    const overridden = results.reduce(
      (count, result) => count + result.criteria.filter((criterion) => criterion.overridden === true).length,
      0,
    );
    const submissions = `${results.length} submission${results.length === 1 ? '' : 's'}`;
    const note = overridden === 0 ? '' : ` (${overridden} ${overridden === 1 ? 'criterion' : 'criteria'} overridden)`;
    log(`Wrote ${written.length} files for ${submissions} to ${target}${note}.`);
    return 0;
  } catch (error) {
    if (!(error instanceof ReportInputError)) throw error;
    for (const problem of error.problems) log(problem);
    return 2;
  }
}
