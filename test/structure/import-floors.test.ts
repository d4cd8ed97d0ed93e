import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

// The floors of harness/, lowest first: a file may import from its own floor or one below, never
// from above. `model` (the types every stage shares) imports nothing of the harness. The sandbox
// sits under `submission` because preparing a submission runs its build confined.
const floors: readonly (readonly string[])[] = [
  ['model', 'version.ts'],
  ['yaml'],
  ['rubric'],
  ['sandbox'],
  ['submission'],
  ['actors', 'wire', 'probes'],
  ['scenario'],
  ['grading'],
  ['intake'],
  ['roster', 'similarity'],
  ['report'],
  ['batch'],
  ['init'],
  ['cli.ts', 'cli-options.ts', 'main.ts', 'worker.ts', 'emit-json-schema.ts'],
];

const harness = path.join(repoRoot, 'harness');

function floorOf(file: string): number {
  const first = path.relative(harness, file).split(path.sep)[0] as string;
  const floor = floors.findIndex((names) => names.includes(first));
  if (floor < 0)
    throw new Error(`${path.relative(repoRoot, file)} is on no floor: add its folder to the floors in this test`);
  return floor;
}

function listSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listSources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

// Every relative import (static, dynamic or type-only) of every harness file, with its line.
function importsOf(file: string): { line: number; target: string }[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, index) =>
      [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => ({
        line: index + 1,
        spec: m[1] as string,
      })),
    )
    .map(({ line, spec }) => ({ line, target: path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')) }));
}

describe('the floors of harness/', () => {
  it('are only ever imported downward', () => {
    const against = listSources(harness).flatMap((file) =>
      importsOf(file)
        .filter(({ target }) => floorOf(target) > floorOf(file))
        .map(
          ({ line, target }) =>
            `${path.relative(repoRoot, file)}:${line} imports ${path.relative(repoRoot, target)}, a floor above it`,
        ),
    );
    expect(against).toEqual([]);
  });
});
