import type { CriterionResult, SubmissionResult } from '../../model/result.js';
import { describeExcerptText, describeVerdictText } from '../describe-failure.js';
import { formatScore, formatIsolation } from '../format-values.js';
import { formatStudents } from '../../roster/students-of.js';

// One test of Gradescope's results.json, with the field names of its autograder specification.
export interface GradescopeTest {
  readonly name: string;
  readonly number: string;
  readonly score: number;
  readonly max_score: number;
  readonly status: 'passed' | 'failed';
  readonly output: string;
  readonly visibility: 'visible' | 'hidden';
  readonly tags: string[];
}

// Gradescope's results.json for one submission.
export interface GradescopeResults {
  readonly score: number;
  readonly execution_time: number;
  readonly output: string;
  readonly tests: GradescopeTest[];
}

function buildTest(result: SubmissionResult, criterion: CriterionResult): GradescopeTest {
  const tags = [criterion.mandatory ? 'mandatory' : 'optional', criterion.status];
  if (criterion.overridden === true) tags.push('overridden');
  return {
    name: criterion.title,
    number: criterion.id,
    score: criterion.points,
    max_score: criterion.maxPoints,
    status: criterion.status === 'pass' ? 'passed' : 'failed',
    output: [...describeVerdictText(result, criterion), ...describeExcerptText(criterion)].join('\n'),
    visibility: criterion.visibility,
    tags,
  };
}

// Gradescope's results.json for one submission: a test per criterion, hidden ones stay hidden.
export function buildGradescopeResults(result: SubmissionResult): GradescopeResults {
  const visible = result.criteria.filter((criterion) => criterion.visibility === 'visible');
  const passed = visible.filter((criterion) => criterion.status === 'pass').length;
  return {
    score: result.score,
    execution_time: Math.round(result.durationMs / 1000),
    output: [
      ...(result.students ? [`${formatStudents(result.students)}.`] : []),
      `sockgrade ${result.harness.version}, rubric ${result.rubric}: ${passed} of ${visible.length} visible criteria passed.`,
      `Seed ${result.seed}, isolation ${formatIsolation(result.harness)}. Each failed test shows the command that replays it.`,
      `Total ${formatScore(result.score, result.maxScore)}.`,
    ].join(' '),
    tests: result.criteria.map((criterion) => buildTest(result, criterion)),
  };
}

// buildGradescopeResults as the text of results.json.
export function renderGradescope(result: SubmissionResult): string {
  return `${JSON.stringify(buildGradescopeResults(result), null, 2)}\n`;
}
