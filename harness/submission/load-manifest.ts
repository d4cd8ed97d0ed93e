import path from 'node:path';
import { checkRegexes } from '../rubric/check-regexes.js';
import { validateDocument } from '../yaml/validate-document.js';
import { placeFindings, type YamlIssue } from '../yaml/yaml-issue.js';
import { parseYamlWithPositions } from '../yaml/yaml-positions.js';
import { checkCommands } from './check-commands.js';
import { manifestSchema, type ManifestDocument } from './manifest-schema.js';
import { readFileInside } from './read-file-inside.js';

// A submission's sockgrade.yaml as checked (its regexes compile), with the absolute path it came from.
export type Manifest = ManifestDocument & { readonly source: string };

// No manifest is fine (undefined); a manifest with problems gives every problem with file:line:col.
export type ManifestResult =
  | { readonly ok: true; readonly manifest: Manifest | undefined }
  | { readonly ok: false; readonly issues: readonly YamlIssue[] };

// The file a submission may hold to say how it is started and what it prints.
export const manifestFileName = 'sockgrade.yaml';

// A manifest is a few lines: anything larger is not one (and is not read into memory).
const maxManifestBytes = 64 * 1024;

// How a manifest is read: from which folder (a staged copy), named in messages as which file, and
// whether it is sockgrade's own (a reference's, which may use {root}) or a student's.
export interface ManifestPlace {
  readonly shownAs?: string; // the folder the user knows, for messages; the folder read by default
  readonly trusted?: boolean;
}

// Reads and checks a submission folder's sockgrade.yaml, if it has one.
export async function loadManifest(dir: string, place: ManifestPlace = {}): Promise<ManifestResult> {
  const file = path.resolve(place.shownAs ?? dir, manifestFileName);
  const source = readFileInside(dir, manifestFileName, maxManifestBytes);
  if (!source.ok) {
    if (source.missing) return { ok: true, manifest: undefined };
    return {
      ok: false,
      issues: [{ file, line: 0, col: 0, path: '', message: `${manifestFileName} ${source.reason}` }],
    };
  }
  const parsed = parseYamlWithPositions(source.text, file);
  if (!parsed.ok) return parsed;
  if (parsed.value === null || parsed.value === undefined) return { ok: true, manifest: { source: file } };
  const validated = validateDocument(manifestSchema, parsed.value);
  if (!validated.ok) return { ok: false, issues: placeFindings(validated.findings, file, parsed.locate) };
  const { server, client, build } = validated.data;
  const findings = [
    ...checkRegexes(validated.data.prompts ?? {}, ['prompts']),
    ...checkRegexes(validated.data.patterns ?? {}, ['patterns']),
    ...(place.trusted ? [] : checkCommands({ server, client, build })),
  ];
  if (findings.length > 0) return { ok: false, issues: placeFindings(findings, file, parsed.locate) };
  return { ok: true, manifest: { ...validated.data, source: file } };
}
