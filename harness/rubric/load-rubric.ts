import { checkActors } from './check-actors.js';
import { checkCriterionIds } from './check-criterion-ids.js';
import { checkGrading } from './check-grading.js';
import { checkPaths } from './check-paths.js';
import { checkRegexes } from './check-regexes.js';
import { checkStepPatterns } from './check-step-patterns.js';
import { collectRubricParts } from './collect-rubric-parts.js';
import { normalizeRubric } from './normalize-rubric.js';
import { readSourceFile } from '../yaml/read-source-file.js';
import { defaultPatterns, stepKindOrder } from './rubric-defaults.js';
import type { LoadResult } from './rubric.js';
import { rubricSchema } from './schema.js';
import { validateDocument } from '../yaml/validate-document.js';
import { placeFindings, type Finding } from '../yaml/yaml-issue.js';
import { parseYamlWithPositions } from '../yaml/yaml-positions.js';

// Reads, checks and normalises a rubric; every problem in the file is reported at once, with file:line:col.
export async function loadRubric(file: string): Promise<LoadResult> {
  const source = await readSourceFile(file);
  if (!source.ok) return { ok: false, issues: [source.issue] };
  const parsed = parseYamlWithPositions(source.text, file);
  if (!parsed.ok) return parsed;
  const validated = validateDocument(rubricSchema, parsed.value, { keyed: { noun: 'step', knownKeys: stepKindOrder } });
  const findings = [...(validated.ok ? [] : validated.findings), ...checkMeaning(parsed.value, file)];
  if (!validated.ok || findings.length > 0) return { ok: false, issues: placeFindings(findings, file, parsed.locate) };
  return { ok: true, rubric: normalizeRubric(validated.data, file, parsed.locate) };
}

// The checks a schema cannot make, run on every part sound enough for them.
function checkMeaning(document: unknown, file: string): Finding[] {
  const parts = collectRubricParts(document);
  const patternNames = [...new Set([...Object.keys(defaultPatterns), ...Object.keys(parts.patterns)])];
  return [
    ...checkRegexes(parts.prompts, ['prompts']),
    ...checkRegexes(parts.patterns, ['patterns']),
    ...checkCriterionIds(parts),
    ...checkStepPatterns(parts, patternNames),
    ...parts.criteria.flatMap(checkGrading),
    ...parts.criteria.flatMap(checkActors),
    ...checkPaths(document, parts.criteria, file),
  ];
}
