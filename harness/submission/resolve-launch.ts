import { existsSync } from 'node:fs';
import path from 'node:path';
import type { PromptKind } from '../model/implementation.js';
import { patternSource } from '../rubric/compile-pattern.js';
import type { Rubric } from '../rubric/rubric.js';
import { defaultPatterns, defaultPrompts } from '../rubric/rubric-defaults.js';
import type { ManifestDocument } from './manifest-schema.js';

// Where a launch setting came from, in the words messages and reports use.
export type SettingSource = 'the default' | 'the rubric' | 'the C convention (Makefile)' | 'sockgrade.yaml';

// Everything needed to build and start a submission, each value with where it came from:
// provenance keys are "server", "client", "build", "password", "prompts.host", "patterns.joined",
// "commands.quit", …
export interface LaunchSettings {
  readonly server: string;
  readonly client: string;
  readonly build: string | undefined;
  readonly password: string;
  readonly prompts: Readonly<Record<PromptKind, string>>; // regex sources
  readonly patterns: Readonly<Record<string, string>>;
  readonly commands: Readonly<Record<string, string>>; // no quit: the client is ended like a person would
  readonly from: Readonly<Record<string, SettingSource>>;
}

// What a rubric contributes, as written: only what it names.
export type RubricLaunch = Pick<Rubric, 'launch' | 'password' | 'prompts' | 'patterns' | 'commands' | 'declared'>;

type Layer = Partial<Record<string, string>>;

// Resolves every launch setting field by field, later layers winning: sockgrade's defaults, then
// the rubric, then what the folder shows (a Makefile and no Python: make, ./server, ./client),
// then the submission's sockgrade.yaml. Naming one field never switches off the others' layers.
export function resolveLaunch(
  dir: string,
  manifest: ManifestDocument | undefined,
  rubric: RubricLaunch,
): LaunchSettings {
  const defaults: Layer = {
    server: 'python3 server.py',
    client: 'python3 client.py',
    password: '',
    ...prefixed('prompts', defaultPrompts),
    ...prefixed('patterns', defaultPatterns),
    'commands.file': '/file {path}',
  };
  const declared = rubric.declared;
  const fromRubric: Layer = {
    ...rubric.launch,
    ...(rubric.password === undefined ? {} : { password: rubric.password }),
    ...prefixed('prompts', pick(mapValues(rubric.prompts, patternSource), declared.prompts)),
    ...prefixed('patterns', pick(mapValues(rubric.patterns, patternSource), declared.patterns)),
    ...prefixed('commands', pick(rubric.commands, declared.commands)),
  };
  const fromManifest: Layer = {
    ...(manifest?.server === undefined ? {} : { server: manifest.server }),
    ...(manifest?.client === undefined ? {} : { client: manifest.client }),
    ...(manifest?.build === undefined ? {} : { build: manifest.build }),
    ...(manifest?.password === undefined ? {} : { password: manifest.password }),
    ...prefixed('prompts', manifest?.prompts ?? {}),
    ...prefixed('patterns', manifest?.patterns ?? {}),
    ...prefixed('commands', manifest?.commands ?? {}),
  };
  const layers: readonly [SettingSource, Layer][] = [
    ['the default', defaults],
    ['the rubric', fromRubric],
    ['the C convention (Makefile)', detectConvention(dir)],
    ['sockgrade.yaml', fromManifest],
  ];
  const value: Record<string, string> = {};
  const from: Record<string, SettingSource> = {};
  for (const [source, layer] of layers) {
    for (const [key, text] of Object.entries(layer)) {
      if (text === undefined) continue;
      value[key] = text;
      from[key] = source;
    }
  }
  const group = (prefix: string): Record<string, string> =>
    Object.fromEntries(
      Object.entries(value).flatMap(([key, text]) =>
        key.startsWith(`${prefix}.`) ? [[key.slice(prefix.length + 1), text]] : [],
      ),
    );
  return {
    server: value['server'] ?? 'python3 server.py',
    client: value['client'] ?? 'python3 client.py',
    build: value['build'],
    password: value['password'] ?? '',
    prompts: group('prompts') as Record<PromptKind, string>,
    patterns: group('patterns'),
    commands: group('commands'),
    from,
  };
}

// A folder with a Makefile and no server.py or client.py is C: build with make, run ./server and ./client.
function detectConvention(dir: string): Layer {
  const hasPython = existsSync(path.join(dir, 'server.py')) || existsSync(path.join(dir, 'client.py'));
  if (hasPython || !existsSync(path.join(dir, 'Makefile'))) return {};
  return { server: './server', client: './client', build: 'make' };
}

function prefixed(prefix: string, entries: Readonly<Record<string, string | undefined>>): Layer {
  return Object.fromEntries(Object.entries(entries).map(([key, text]) => [`${prefix}.${key}`, text]));
}

function pick(entries: Readonly<Record<string, string>>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(entries).filter(([key]) => names.includes(key)));
}

function mapValues(entries: Readonly<Record<string, RegExp>>, map: (regex: RegExp) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(entries).map(([key, regex]) => [key, map(regex)]));
}
