import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gradeSubmission, type GradeOptions } from '../grading/grade-submission.js';
import { pairsWithReference, prepareReference } from '../grading/prepare-reference.js';
import type { Status, SubmissionResult } from '../model/result.js';
import type { Rubric } from '../rubric/rubric.js';
import type { IsolationChoice } from '../sandbox/detect-isolation.js';
import { readExpected } from './read-expected.js';
import { newSeed, openIsolation, openRubric, openUidBlock } from './open-grading.js';
import { formatProgress } from './format-progress.js';
import { makePools } from './make-pools.js';
import { listenForInterrupt } from './listen-for-interrupt.js';
import { buildErrorResult, describeGradingFault } from '../grading/error-result.js';

// What `sockgrade calibrate` was asked.
export interface CalibrateOptions {
  readonly rubric: string;
  readonly examples: string | undefined; // default: submissions/examples/<rubric> beside the rubrics folder
  readonly jobs: number;
  readonly seed: string | undefined;
  readonly isolation: IsolationChoice;
  readonly print: (line: string) => void;
  readonly log: (line: string) => void;
}

interface Example {
  readonly name: string;
  readonly dir: string;
  readonly expected: Readonly<Record<string, Status>>;
}

// The rubric's own test: the reference must earn every automatable point, and every example
// whose expected.yaml names this rubric must earn exactly its expected verdicts. Exit 0 only then.
export async function calibrate(options: CalibrateOptions): Promise<number> {
  const rubric = await openRubric(options.rubric, options.log);
  if (!rubric) return 2;
  if (rubric.reference === undefined || !existsSync(rubric.reference)) {
    options.log(
      `${options.rubric}: calibrate needs the reference implementation; add "reference: <folder>" to the rubric${rubric.reference ? ` (${rubric.reference} does not exist)` : ''}`,
    );
    return 2;
  }
  const examplesDir = options.examples ?? defaultExamples(rubric.source, rubric.name);
  const examples = await readExamples(examplesDir, rubric, options.log);
  if (typeof examples === 'string') {
    options.log(examples);
    return 2;
  }
  const plan = await openIsolation(options.isolation, options.log);
  if (!plan) return 2;
  const uids = openUidBlock(plan, options.log);
  if (uids === undefined) return 3;
  const seed = options.seed ?? newSeed();
  const prepared = await prepareReference(rubric, plan);
  if (!prepared.ok) {
    options.log(prepared.message);
    return 3;
  }
  const started = Date.now();
  options.log(
    `calibrate ${rubric.name}: the reference and ${examples.length} example(s), seed ${seed}, isolation ${plan.mode}${uids}`,
  );
  let faults = 0;
  const { stop: stopAdapting, ...pools } = makePools(plan, options.jobs);
  const interruption = listenForInterrupt(pools.pool, () => options.log('interrupted: stopping the runs in progress'));
  const grading: GradeOptions = {
    plan,
    seed,
    reruns: 0,
    ...pools,
    signal: interruption.signal,
    ...(pairsWithReference(rubric) ? { reference: prepared.reference } : {}),
    onHarnessFault: (fault) => {
      faults++;
      options.log(`sockgrade fault: ${fault}`);
    },
  };
  try {
    // A submission sockgrade fails on is an error result, as in a batch: it then differs from its expected.yaml.
    const gradeOrError = async (dir: string, gradeOptions: GradeOptions): Promise<SubmissionResult> => {
      const begun = Date.now();
      try {
        return await gradeSubmission(dir, rubric, gradeOptions);
      } catch (error) {
        if (!interruption.signal.aborted) faults++;
        return buildErrorResult(dir, rubric, gradeOptions, describeGradingFault(error), Date.now() - begun);
      }
    };
    const [reference, ...graded] = await Promise.all([
      gradeOrError(rubric.reference, { ...grading, reference: prepared.reference }),
      ...examples.map((example) => gradeOrError(example.dir, grading)),
    ]);
    await interruption.settled();
    if (interruption.signal.aborted) return 130;
    const width = Math.max(10, ...examples.map((e) => e.name.length));
    const problems: string[] = [];
    const referenceShort = (reference as SubmissionResult).criteria.filter(
      (c) => c.status !== 'pass' && c.status !== 'manual',
    );
    options.print(
      `${formatProgress(1, examples.length + 1, { ...(reference as SubmissionResult), submission: 'reference' }, width)}`,
    );
    for (const c of referenceShort)
      problems.push(`reference ${c.id}: expected every automatable point, got ${c.status}: ${firstLine(c.message)}`);
    graded.forEach((result, i) => {
      const example = examples[i] as Example;
      options.print(formatProgress(i + 2, examples.length + 1, result, width));
      for (const [id, want] of Object.entries(example.expected)) {
        const got = result.criteria.find((c) => c.id === id);
        if (!got) problems.push(`${example.name} ${id}: expected ${want}, but ${rubric.name} has no criterion ${id}`);
        else if (got.status !== want)
          problems.push(`${example.name} ${id}: expected ${want}, got ${got.status}: ${firstLine(got.message)}`);
      }
      for (const c of result.criteria) {
        if (!(c.id in example.expected))
          problems.push(`${example.name} ${c.id}: expected.yaml says nothing of ${c.id} (got ${c.status})`);
      }
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (problems.length === 0) {
      options.print(
        `calibrated: the reference earns every automatable point and ${examples.length} example(s) match expected.yaml (${seconds} s)`,
      );
      return faults > 0 ? 3 : 0;
    }
    options.print(`NOT calibrated (${problems.length} difference(s), ${seconds} s; replay with --seed ${seed}):`);
    for (const problem of problems) options.print(`  ${problem}`);
    return faults > 0 ? 3 : 1;
  } finally {
    stopAdapting();
    interruption.stop();
    prepared.stage.remove();
  }
}

// The examples whose expected.yaml names this rubric, or every problem of those that cannot be read.
async function readExamples(dir: string, rubric: Rubric, log: (line: string) => void): Promise<Example[] | string> {
  if (!existsSync(dir)) return `${dir}: no examples folder (name another with --examples)`;
  const examples: Example[] = [];
  const errors: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name, 'expected.yaml');
    if (!existsSync(file)) continue;
    const expected = await readExpected(file, rubric);
    if (!expected.ok) errors.push(...expected.errors);
    else if (expected.rubric === rubric.name)
      examples.push({ name, dir: path.join(dir, name), expected: expected.criteria });
  }
  if (errors.length > 0) return errors.join('\n');
  if (examples.length === 0) log(`note: no example in ${dir} names the rubric ${rubric.name}`);
  return examples;
}

// submissions/examples/<rubric name> beside the rubric's folder, or submissions/examples itself.
function defaultExamples(rubricFile: string, rubric: string): string {
  const examples = path.resolve(path.dirname(rubricFile), '..', 'submissions', 'examples');
  return existsSync(path.join(examples, rubric)) ? path.join(examples, rubric) : examples;
}

function firstLine(text: string): string {
  return text.split('\n').slice(0, 2).join(' ').slice(0, 240);
}
