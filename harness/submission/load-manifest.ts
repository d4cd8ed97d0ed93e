import path from 'node:path';
import { checkRegexes } from '../rubric/check-regexes.js';
import { readSourceFile } from '../rubric/read-source-file.js';
import { validateDocument } from '../rubric/validate-document.js';
import { placeFindings, type YamlIssue } from '../rubric/yaml-issue.js';
import { parseYamlWithPositions } from '../rubric/yaml-positions.js';
import { manifestSchema, type ManifestDocument } from './manifest-schema.js';

// A submission's sockgrade.yaml as checked (its regexes compile), with the absolute path it came from.
export type Manifest = ManifestDocument & { readonly source: string };

// No manifest is fine (undefined); a manifest with problems gives every problem with file:line:col.
export type ManifestResult =
  | { readonly ok: true; readonly manifest: Manifest | undefined }
  | { readonly ok: false; readonly issues: readonly YamlIssue[] };

// The file a submission may hold to say how it is started and what it prints.
export const manifestFileName = 'sockgrade.yaml';

// Reads and checks a submission folder's sockgrade.yaml, if it has one.
export async function loadManifest(dir: string): Promise<ManifestResult> {
  const file = path.join(dir, manifestFileName);
  const source = await readSourceFile(file);
  if (!source.ok) return source.missing ? { ok: true, manifest: undefined } : { ok: false, issues: [source.issue] };
  const parsed = parseYamlWithPositions(source.text, file);
  if (!parsed.ok) return parsed;
  if (parsed.value === null || parsed.value === undefined) return { ok: true, manifest: { source: path.resolve(file) } };
  const validated = validateDocument(manifestSchema, parsed.value);
  if (!validated.ok) return { ok: false, issues: placeFindings(validated.findings, file, parsed.locate) };
  const findings = [...checkRegexes(validated.data.prompts ?? {}, ['prompts']), ...checkRegexes(validated.data.patterns ?? {}, ['patterns'])];
  if (findings.length > 0) return { ok: false, issues: placeFindings(findings, file, parsed.locate) };
  return { ok: true, manifest: { ...validated.data, source: path.resolve(file) } };
}
