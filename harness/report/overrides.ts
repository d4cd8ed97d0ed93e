import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { CriterionResult, Status, SubmissionResult } from '../model/result.js';
import { checkAgainstResults, describeSchemaIssue } from './describe-override-problems.js';
import { locateYamlPath, readYamlInput } from './read-yaml-keys.js';

// One lecturer's decision on one criterion.
export interface CriterionOverride {
  readonly points: number;
  readonly comment?: string;
}

// overrides.yaml: submission → criterion id → override.
export type Overrides = Readonly<Record<string, Readonly<Record<string, CriterionOverride>>>>;

// Either the overrides, or every problem of the file at once, each "file:line:col path: message".
export type OverridesOutcome =
  { readonly ok: true; readonly overrides: Overrides } | { readonly ok: false; readonly errors: readonly string[] };

const overrideSchema = z.strictObject({
  points: z.number().nonnegative(),
  comment: z.string().optional(),
});

const overridesSchema = z.record(z.string(), z.record(z.string(), overrideSchema));

interface Located {
  readonly offset: number;
  readonly message: string;
}

// Parses overrides.yaml against the graded results; reports every problem as file:line:col at once.
export function parseOverrides(text: string, fileName: string, results: readonly SubmissionResult[]): OverridesOutcome {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const cite = (offset: number): string => {
    const { line, col } = lineCounter.linePos(offset);
    return `${fileName}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((error) => `${cite(error.pos[0])} ${error.message.split('\n')[0] ?? error.code}`),
    };
  }
  const input = readYamlInput(doc);
  const located: Located[] = [];
  const parsed = overridesSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      for (const problem of describeSchemaIssue(issue, input)) {
        const where = problem.path.length === 0 ? '' : `${problem.path.join('.')}: `;
        located.push({ offset: locateYamlPath(doc, problem.path, problem.at), message: `${where}${problem.text}` });
      }
    }
  }
  for (const problem of checkAgainstResults(input, results)) {
    located.push({
      offset: locateYamlPath(doc, problem.path, problem.at),
      message: `${problem.path.join('.')}: ${problem.text}`,
    });
  }
  if (located.length > 0 || !parsed.success) {
    return {
      ok: false,
      errors: located
        .sort((a, b) => a.offset - b.offset)
        .map((problem) => `${cite(problem.offset)} ${problem.message}`),
    };
  }
  return { ok: true, overrides: parsed.data };
}

// Reads overrides.yaml and checks it against the graded results (see parseOverrides).
export async function loadOverrides(file: string, results: readonly SubmissionResult[]): Promise<OverridesOutcome> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    return { ok: false, errors: [`${file}: cannot read the overrides: ${reason}`] };
  }
  return parseOverrides(text, file, results);
}

// A lecturer's full marks make a verdict a pass; fewer points turn a pass (or a manual
// criterion) into a fail; other verdicts (error, blocked, flaky) keep saying what the run saw.
function decideStatus(before: Status, points: number, maxPoints: number): Status {
  if (points >= maxPoints) return 'pass';
  return before === 'pass' || before === 'manual' ? 'fail' : before;
}

function restoreAutomated(criterion: CriterionResult): CriterionResult {
  const { overridden: _overridden, automated, ...rest } = criterion;
  return automated === undefined
    ? rest
    : { ...rest, points: automated.points, status: automated.status, message: automated.message };
}

function overrideCriterion(criterion: CriterionResult, override: CriterionOverride): CriterionResult {
  const points = override.points;
  const message =
    override.comment === undefined || override.comment.trim() === ''
      ? `Overridden by the lecturer to ${points}/${criterion.maxPoints} points.`
      : `Overridden by the lecturer: ${override.comment.trim()}`;
  return {
    ...criterion,
    points,
    status: decideStatus(criterion.status, points, criterion.maxPoints),
    message,
    overridden: true,
    automated: { points: criterion.points, status: criterion.status, message: criterion.message },
  };
}

// New results with overrides applied; earlier overrides are undone first, so re-applying is idempotent.
export function applyOverrides(results: readonly SubmissionResult[], overrides: Overrides): SubmissionResult[] {
  return results.map((result) => {
    const forSubmission = overrides[result.submission] ?? {};
    const criteria = result.criteria.map((criterion) => {
      const base = restoreAutomated(criterion);
      const override = forSubmission[criterion.id];
      return override === undefined ? base : overrideCriterion(base, override);
    });
    const delta = criteria.reduce(
      (sum, criterion, index) => sum + criterion.points - (result.criteria[index]?.points ?? 0),
      0,
    );
    const score = Math.min(result.maxScore, Math.max(0, Math.round((result.score + delta) * 1e6) / 1e6));
    return { ...result, score, criteria };
  });
}
