import { availableParallelism } from 'node:os';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { gradeBatch } from './batch/grade-batch.js';
import { parseShard, type Shard } from './batch/select-shard.js';
import { checkSubmission } from './batch/check-submission.js';
import { chooseProgressMode } from './batch/show-progress.js';
import { initCourse } from './init/init-course.js';
import { buildGradescopePackage } from './init/build-gradescope-package.js';
import { calibrate } from './batch/calibrate.js';
import { mergeOutputs } from './batch/merge-outputs.js';
import { intakeAction } from './batch/intake-action.js';
import { parseRosterColumns } from './roster/roster-columns.js';
import type { RosterField } from './model/roster.js';
import { parseList, parseScore, parseShare, parseWholeNumber } from './cli-options.js';
import { parseReportFormats, reportFormatNames, type ReportFormat } from './report/report-format.js';
import { writeReports } from './report/write-reports.js';
import { reportAction } from './report/report-action.js';
import { detectColor } from './report/formats/render-terminal.js';
import { validateRubrics } from './rubric/validate-rubrics.js';
import { isolationChoices, type IsolationChoice } from './sandbox/detect-isolation.js';
import { harnessVersion } from './version.js';

// Runs mostly wait (on prompts, deadlines, the network): several per core keep the machine busy;
// beyond one per core they start only while the CPU has headroom (batch/adapt-concurrency.ts).
const defaultJobs = Math.max(4, availableParallelism() * 4);

// Declares the commands; each action sets the exit code it returns. Only main.ts exits.
export async function runCli(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const print = (line: string): void => void process.stdout.write(`${line}\n`);
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const program = new Command('sockgrade')
    .description('Grade socket-programming assignments: black-box runs, a proxy on the wire, explained scores.')
    .version(harnessVersion)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('grade')
    .description('grade submission folders against a rubric and write reports')
    .argument('[submission-dir...]', 'one folder per submission')
    .option(
      '--from <path>',
      'take the submissions from a download: a zip (Moodle), a folder of zips or of folders, GitHub Classroom clones',
    )
    .requiredOption('-r, --rubric <file>', 'the rubric (YAML)')
    .option(
      '--roster <file>',
      'a CSV of the class (id, name, email, team): grades.csv gets a row per student, keyed by id',
    )
    .option(
      '--roster-columns <list>',
      'which roster header holds which field, e.g. "id=Student ID,email=Email address"',
      parseRosterColumnsOption,
    )
    .option(
      '--similarity <share>',
      'list pairs of submissions sharing at least this share of their code, 0 to 1 (default 0.5)',
      parseShare('--similarity'),
    )
    .option(
      '-j, --jobs <n>',
      'at most n runs at a time; beyond one per core, only while the CPU has headroom',
      parseWholeNumber('--jobs', 1, 64),
      defaultJobs,
    )
    .option('-o, --out <dir>', 'output folder', 'reports')
    .option('-f, --format <list>', `report formats: ${reportFormatNames.join(',')}`, parseFormats, [
      ...reportFormatNames,
    ])
    .option('--seed <seed>', 'seed of every token and fault, to replay a grading exactly')
    .option('--shard <i/n>', 'grade only the i-th of n equal shares (CI matrices)', parseShardOption)
    .option(
      '--resume',
      'keep the criteria results already in --out hold for the same rubric and seed; grade only the rest',
      false,
    )
    .option(
      '--only <ids>',
      'grade only these criteria, e.g. M1,M5; into a folder of saved results, merge them into each result',
      parseList,
    )
    .option('--force', "grade into an --out holding another rubric's or seed's results", false)
    .option(
      '--reruns <n>',
      're-runs of a failing criterion to tell flaky from wrong',
      parseWholeNumber('--reruns', 0, 5),
      1,
    )
    .option('--min-score <points>', 'exit 1 when a submission scores below this', parseScore('--min-score'))
    .option('--overrides <file>', "the lecturer's overrides.yaml, applied to every report")
    .addOption(new Option('--isolation <mode>', 'how runs are contained').choices(isolationChoices).default('auto'))
    .action(async (dirs: string[], opts: GradeFlags) => {
      if (dirs.length === 0 && opts.from === undefined) {
        log('grade: name the submission folders, or a download with --from PATH (a zip, a folder of zips or folders)');
        exitCode = 2;
        return;
      }
      exitCode = await gradeBatch({
        submissions: dirs,
        from: opts.from,
        rubric: opts.rubric,
        roster: opts.roster,
        similarity: opts.similarity,
        rosterColumns: opts.rosterColumns,
        out: opts.out,
        jobs: opts.jobs,
        seed: opts.seed,
        shard: opts.shard,
        resume: opts.resume,
        force: opts.force,
        isolation: opts.isolation,
        reruns: opts.reruns,
        only: opts.only,
        minScore: opts.minScore,
        annotate: process.env['GITHUB_ACTIONS'] === 'true',
        progress: chooseProgressMode(process.stderr.isTTY === true, process.env),
        writeReports: (outDir, results, summary) => writeReports(outDir, results, summary, opts.format),
        print,
        log,
      });
      // Overrides re-render the saved results, exactly as `sockgrade report` does later.
      if (opts.overrides !== undefined && exitCode !== 2 && exitCode !== 130) {
        const applied = await reportAction(opts.out, { overrides: opts.overrides, formats: opts.format, log });
        if (applied !== 0) exitCode = applied;
      }
    });

  program
    .command('report')
    .description('render saved results again (with overrides) without re-grading')
    .argument('<out-dir>', 'a folder a grade command wrote')
    .option('--overrides <file>', "the lecturer's overrides.yaml")
    .option('-f, --format <list>', `report formats: ${reportFormatNames.join(',')}`, parseFormats, [
      ...reportFormatNames,
    ])
    .option('-o, --out <dir>', 'write there instead of <out-dir>')
    .action(async (outDir: string, opts: { overrides?: string; format: ReportFormat[]; out?: string }) => {
      exitCode = await reportAction(outDir, {
        ...(opts.overrides === undefined ? {} : { overrides: opts.overrides }),
        formats: opts.format,
        ...(opts.out === undefined ? {} : { out: opts.out }),
        log,
      });
    });

  program
    .command('merge')
    .description('join the output folders of a sharded batch (--shard I/N) into one class report')
    .argument('<out-dir...>', 'the output folder of each shard')
    .requiredOption('-o, --out <dir>', 'where to write the class report')
    .option('-f, --format <list>', `report formats: ${reportFormatNames.join(',')}`, parseFormats, [
      ...reportFormatNames,
    ])
    .option(
      '--similarity <share>',
      'list pairs of submissions sharing at least this share of their code, 0 to 1 (default 0.5)',
      parseShare('--similarity'),
    )
    .action(async (dirs: string[], opts: { out: string; format: ReportFormat[]; similarity?: number }) => {
      exitCode = await mergeOutputs({
        dirs,
        out: opts.out,
        similarity: opts.similarity,
        writeReports: (outDir, results, summary) => writeReports(outDir, results, summary, opts.format),
        print,
        log,
      });
    });

  program
    .command('check')
    .description('self-check one submission: visible criteria, a readable report, exit 0 only if all pass')
    .argument('[dir]', 'the submission folder', '.')
    .option('--from <path>', 'check the submission inside a zip or a folder, wherever its programs sit')
    .requiredOption('-r, --rubric <file>', 'the rubric (YAML)')
    .option(
      '-j, --jobs <n>',
      'at most n runs at a time; beyond one per core, only while the CPU has headroom',
      parseWholeNumber('--jobs', 1, 64),
      defaultJobs,
    )
    .option('--seed <seed>', 'seed of every token and fault')
    .option('--only <ids>', 'check only these criteria, e.g. M1,M5', parseList)
    .addOption(new Option('--isolation <mode>', 'how runs are contained').choices(isolationChoices).default('auto'))
    .action(async (dir: string, opts: CheckFlags) => {
      exitCode = await checkSubmission({
        dir,
        from: opts.from,
        rubric: opts.rubric,
        jobs: opts.jobs,
        seed: opts.seed,
        only: opts.only,
        isolation: opts.isolation,
        color: detectColor(process.stdout.isTTY === true, process.env),
        logColor: detectColor(process.stderr.isTTY === true, process.env),
        print,
        log,
      });
    });

  program
    .command('intake')
    .description('show the submissions a download holds (id, name, root found, files, problems) without grading')
    .argument('<path>', 'a zip (Moodle), a folder of zips or of folders, GitHub Classroom clones')
    .requiredOption('-r, --rubric <file>', "the rubric (YAML): its programs mark a submission's root")
    .action(async (from: string, opts: { rubric: string }) => {
      exitCode = await intakeAction({ path: from, rubric: opts.rubric, print, log });
    });

  program
    .command('calibrate')
    .description("the rubric's own test: the reference earns every automatable point, the examples their expected.yaml")
    .requiredOption('-r, --rubric <file>', 'the rubric (YAML), which names its reference implementation')
    .option(
      '--examples <dir>',
      'folder of example submissions (default: submissions/examples/<rubric> beside the rubrics folder)',
    )
    .option(
      '-j, --jobs <n>',
      'at most n runs at a time; beyond one per core, only while the CPU has headroom',
      parseWholeNumber('--jobs', 1, 64),
      defaultJobs,
    )
    .option('--seed <seed>', 'seed of every token and fault')
    .addOption(new Option('--isolation <mode>', 'how runs are contained').choices(isolationChoices).default('auto'))
    .action(async (opts: CalibrateFlags) => {
      exitCode = await calibrate({
        rubric: opts.rubric,
        examples: opts.examples,
        jobs: opts.jobs,
        seed: opts.seed,
        isolation: opts.isolation,
        print,
        log,
      });
    });

  program
    .command('init')
    .description("copy one of sockgrade's rubrics, with its probes and schema, into a course repository")
    .argument('<dir>', 'the folder to copy it into')
    .requiredOption('-r, --rubric <name>', "the rubric's name, e.g. udp-chat")
    .option('--force', 'overwrite files already there', false)
    .action(async (dir: string, opts: { rubric: string; force: boolean }) => {
      exitCode = await initCourse({ dir, rubric: opts.rubric, force: opts.force, print, log });
    });

  program
    .command('gradescope')
    .description("build the zip Gradescope's autograder takes: setup.sh, run_autograder, the rubric and sockgrade")
    .requiredOption('-r, --rubric <file>', 'the rubric (YAML); its probes travel with it')
    .option('-o, --out <file>', 'the zip to write', 'autograder.zip')
    .action(async (opts: { rubric: string; out: string }) => {
      exitCode = await buildGradescopePackage({ rubric: opts.rubric, out: opts.out, print, log });
    });

  program
    .command('validate')
    .description('check rubrics; every problem is reported as file:line:col')
    .argument('<rubric...>', 'rubric files')
    .action(async (files: string[]) => {
      exitCode = await validateRubrics(files, print);
    });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      const quiet = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
      return quiet ? 0 : 2;
    }
    throw error;
  }
  return exitCode;
}

interface GradeFlags {
  rubric: string;
  from?: string;
  roster?: string;
  similarity?: number;
  rosterColumns?: Partial<Record<RosterField, string>>;
  jobs: number;
  out: string;
  format: ReportFormat[];
  seed?: string;
  shard?: Shard;
  resume: boolean;
  force: boolean;
  only?: string[];
  reruns: number;
  minScore?: number;
  overrides?: string;
  isolation: IsolationChoice;
}

interface CalibrateFlags {
  rubric: string;
  examples?: string;
  jobs: number;
  seed?: string;
  isolation: IsolationChoice;
}

interface CheckFlags {
  rubric: string;
  from?: string;
  jobs: number;
  seed?: string;
  only?: string[];
  isolation: IsolationChoice;
}

function parseFormats(text: string): ReportFormat[] {
  const parsed = parseReportFormats(text);
  if (!parsed.ok) throw new InvalidArgumentError(parsed.error);
  return parsed.formats;
}

function parseRosterColumnsOption(text: string): Partial<Record<RosterField, string>> {
  const parsed = parseRosterColumns(text);
  if (typeof parsed === 'string') throw new InvalidArgumentError(parsed);
  return parsed;
}

function parseShardOption(text: string): Shard {
  const shard = parseShard(text);
  if (typeof shard === 'string') throw new InvalidArgumentError(shard);
  return shard;
}
