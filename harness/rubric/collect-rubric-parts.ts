import { criterionSchema, type CriterionDocument } from './schema.js';
import { isPlainMap } from '../yaml/describe-value.js';

// A criterion that passed the schema, with its index in the document.
export interface IndexedCriterion {
  readonly index: number;
  readonly criterion: CriterionDocument;
}

// The parts of a rubric document that are sound enough for the checks the schema cannot make.
export interface RubricParts {
  readonly criteria: readonly IndexedCriterion[];
  readonly ids: readonly { readonly index: number; readonly id: string }[]; // every criterion's id, sound or not
  readonly patterns: Readonly<Record<string, string>>;
  readonly prompts: Readonly<Record<string, string>>;
}

// Picks the sound parts out of a document that may have schema issues, so every problem can be reported at once.
export function collectRubricParts(document: unknown): RubricParts {
  const root = isPlainMap(document) ? document : {};
  const list = Array.isArray(root['criteria']) ? root['criteria'] : [];
  const criteria: IndexedCriterion[] = [];
  const ids: { index: number; id: string }[] = [];
  list.forEach((item: unknown, index) => {
    if (isPlainMap(item) && typeof item['id'] === 'string') ids.push({ index, id: item['id'] });
    const parsed = criterionSchema.safeParse(item);
    if (parsed.success) criteria.push({ index, criterion: parsed.data });
  });
  return { criteria, ids, patterns: textEntries(root['patterns']), prompts: textEntries(root['prompts']) };
}

function textEntries(value: unknown): Record<string, string> {
  if (!isPlainMap(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
