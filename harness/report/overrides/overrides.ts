import { z } from 'zod';
import type { CriterionResult, Status, SubmissionResult } from '../../model/result.js';
import { sayExpected } from '../../yaml/describe-schema.js';
import { formatIssue } from '../../yaml/format-issues.js';
import { readSourceFile } from '../../yaml/read-source-file.js';
import { validateDocument } from '../../yaml/validate-document.js';
import { placeFindings } from '../../yaml/yaml-issue.js';
import { parseYamlWithPositions } from '../../yaml/yaml-positions.js';
import { checkAgainstResults } from './describe-override-problems.js';

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

const overrideSchema = sayExpected(
  z.strictObject({
    points: sayExpected(z.number().nonnegative(), 'a number of points of at least 0'),
    comment: z.string().optional(),
  }),
  'a map { points: N, comment: "..." }',
);

const overridesSchema = sayExpected(
  z.record(
    z.string(),
    sayExpected(z.record(z.string(), overrideSchema), 'a map of criterion ids to { points, comment }'),
  ),
  'a map of submission names to criteria',
);

// Parses overrides.yaml against the graded results; reports every problem as file:line:col at once.
export function parseOverrides(text: string, fileName: string, results: readonly SubmissionResult[]): OverridesOutcome {
  const parsed = parseYamlWithPositions(text, fileName, { keysAsTyped: true }); // student ids such as 0123 stay as typed
  if (!parsed.ok) return { ok: false, errors: parsed.issues.map(formatIssue) };
  const input = parsed.value ?? {};
  const validated = validateDocument(overridesSchema, input);
  const findings = [...(validated.ok ? [] : validated.findings), ...checkAgainstResults(input, results)];
  if (!validated.ok || findings.length > 0)
    return { ok: false, errors: placeFindings(findings, fileName, parsed.locate).map(formatIssue) };
  return { ok: true, overrides: validated.data };
}

// Reads overrides.yaml and checks it against the graded results (see parseOverrides).
export async function loadOverrides(file: string, results: readonly SubmissionResult[]): Promise<OverridesOutcome> {
  const source = await readSourceFile(file);
  if (!source.ok)
    return {
      ok: false,
      errors: [formatIssue({ ...source.issue, message: `cannot read the overrides: ${source.issue.message}` })],
    };
  return parseOverrides(source.text, file, results);
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
