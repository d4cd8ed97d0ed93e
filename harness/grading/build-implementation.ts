import path from 'node:path';
import type { PromptKind } from '../actors/answer-prompts.js';
import type { Rubric } from '../rubric/rubric.js';
import type { ManifestDocument } from '../submission/manifest-schema.js';
import type { Commands } from '../submission/resolve-commands.js';
import type { Implementation } from '../scenario/context.js';
import { rootDir } from '../version.js';

// Merges what the rubric says of every submission with what this one's sockgrade.yaml says of itself.
export function buildImplementation(
  label: 'student' | 'reference',
  stageDir: string,
  commands: Commands,
  rubric: Rubric,
  manifest: ManifestDocument | undefined,
  trusted: boolean,
): Implementation {
  const prompts = Object.fromEntries(
    Object.entries(rubric.prompts).map(([kind, regex]) => [kind, manifest?.prompts?.[kind as PromptKind] ?? toSource(regex)]),
  ) as Record<PromptKind, string>;
  const patterns = {
    ...Object.fromEntries(Object.entries(rubric.patterns).map(([name, regex]) => [name, toSource(regex)])),
    ...(manifest?.patterns ?? {}),
  };
  // Only the reference's own manifest may name sockgrade's install ({root}, for its build): its
  // programs see that build read-only; a student's never see it (loadManifest refuses {root}).
  return {
    label,
    stageDir,
    readable: trusted ? [path.join(rootDir, 'dist', 'reference')] : [],
    server: trusted ? withRoot(commands.server) : commands.server,
    client: trusted ? withRoot(commands.client) : commands.client,
    password: manifest?.password ?? rubric.password ?? '',
    prompts,
    patterns,
    commands: { quit: '!q', ...(manifest?.commands ?? {}) },
  };
}

// "{root}" in a command is the folder sockgrade is installed in (how the reference finds its build).
function withRoot(command: string): string {
  return command.replaceAll('{root}', rootDir);
}

// A compiled pattern back in the rubric's dialect, to cross into the worker as JSON.
function toSource(regex: RegExp): string {
  return `${regex.flags.includes('i') ? '(?i)' : ''}${regex.source}`;
}
