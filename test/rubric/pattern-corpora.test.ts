import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pickPromptKind } from '../../harness/actors/answer-prompts.js';
import type { PromptKind } from '../../harness/model/implementation.js';
import { compilePattern } from '../../harness/rubric/compile-pattern.js';
import { formatIssue } from '../../harness/yaml/format-issues.js';
import { loadRubric } from '../../harness/rubric/load-rubric.js';
import { defaultPatterns, defaultPrompts } from '../../harness/rubric/rubric-defaults.js';
import type { Rubric, Step } from '../../harness/rubric/rubric.js';

// One table per pattern: real phrasings that must match and near misses that must not, in
// English (en) and Indonesian (id). A table names a named pattern, a prompt, or the nth
// pattern written inline in a rubric criterion.
interface Corpus {
  readonly file: string;
  readonly pattern?: string;
  readonly prompt?: PromptKind;
  readonly step?: { readonly rubric: string; readonly criterion: string; readonly index: number };
  readonly match: { readonly en: readonly string[]; readonly id: readonly string[] };
  readonly nearMiss: { readonly en: readonly string[]; readonly id: readonly string[] };
}

const corpusDir = path.resolve('test/fixtures/patterns');
const rubricDir = path.resolve('rubrics');
const rubricFiles = ['udp-chat.yaml', 'udp-chat-protocol.yaml', 'tcp-chat.yaml'];

async function readCorpora(): Promise<Corpus[]> {
  const names = (await readdir(corpusDir)).filter((name) => name.endsWith('.yaml')).sort();
  return Promise.all(
    names.map(async (file) => ({
      file,
      ...(parse(await readFile(path.join(corpusDir, file), 'utf8')) as Omit<Corpus, 'file'>),
    })),
  );
}

async function readRubric(file: string): Promise<Rubric> {
  const loaded = await loadRubric(path.join(rubricDir, file));
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  return loaded.rubric;
}

// The patterns written inline in a criterion's expect and refute steps, in order.
function inlinePatterns(steps: readonly Step[]): RegExp[] {
  return steps.flatMap((step): RegExp[] => {
    if (step.kind === 'any') return inlinePatterns(step.checks);
    if ((step.kind === 'expect' || step.kind === 'refute') && step.pattern && step.patternName === undefined)
      return [step.pattern];
    return [];
  });
}

// Every place a corpus's pattern is defined: the defaults and each shipped rubric.
function placesOf(
  corpus: Corpus,
  rubrics: ReadonlyMap<string, Rubric>,
): { where: string; test: (text: string) => boolean }[] {
  if (corpus.prompt !== undefined) {
    const kind = corpus.prompt;
    const defaults = Object.fromEntries(
      Object.entries(defaultPrompts).map(([k, src]) => [k, compilePattern(src)]),
    ) as Record<PromptKind, RegExp>;
    return [
      { where: 'defaults', test: (text) => pickPromptKind(text, defaults) === kind },
      ...[...rubrics].map(([file, rubric]) => ({
        where: file,
        test: (text: string) => pickPromptKind(text, rubric.prompts) === kind,
      })),
    ];
  }
  if (corpus.step !== undefined) {
    const { rubric: file, criterion, index } = corpus.step;
    const regex = inlinePatterns(rubrics.get(file)?.criteria.find((c) => c.id === criterion)?.steps ?? [])[index];
    if (regex === undefined) throw new Error(`${corpus.file}: ${file} ${criterion} has no inline pattern ${index}`);
    return [{ where: `${file} ${criterion}`, test: (text) => regex.test(text) }];
  }
  const name = corpus.pattern ?? '';
  const fromDefaults = defaultPatterns[name];
  return [
    ...(fromDefaults === undefined
      ? []
      : [{ where: 'defaults', test: (text: string) => compilePattern(fromDefaults).test(text) }]),
    ...[...rubrics].flatMap(([file, rubric]) => {
      const regex = rubric.patterns[name];
      return regex === undefined ? [] : [{ where: file, test: (text: string) => regex.test(text) }];
    }),
  ];
}

const corpora = await readCorpora();
const rubrics = new Map(await Promise.all(rubricFiles.map(async (file) => [file, await readRubric(file)] as const)));

describe('pattern corpora', () => {
  it('cover every named pattern, every prompt and every inline pattern of the shipped rubrics', () => {
    const named = new Set([
      ...Object.keys(defaultPatterns),
      ...[...rubrics.values()].flatMap((r) => Object.keys(r.patterns)),
    ]);
    expect(new Set(corpora.flatMap((c) => (c.pattern === undefined ? [] : [c.pattern])))).toEqual(named);
    expect(new Set(corpora.flatMap((c) => (c.prompt === undefined ? [] : [c.prompt])))).toEqual(
      new Set(Object.keys(defaultPrompts)),
    );
    const inline = [...rubrics].flatMap(([file, rubric]) =>
      rubric.criteria.flatMap((c) => inlinePatterns(c.steps).map((_, index) => `${file} ${c.id} ${index}`)),
    );
    const covered = corpora.flatMap((c) =>
      c.step === undefined ? [] : [`${c.step.rubric} ${c.step.criterion} ${c.step.index}`],
    );
    expect(covered.sort()).toEqual(inline.sort());
  });

  describe.each(corpora)('$file', (corpus) => {
    const places = placesOf(corpus, rubrics);

    it('holds at least 15 phrasings that must match and 15 near misses, in English and Indonesian', () => {
      for (const table of [corpus.match, corpus.nearMiss]) {
        expect(table.en.length).toBeGreaterThan(0);
        expect(table.id.length).toBeGreaterThan(0);
        expect(table.en.length + table.id.length).toBeGreaterThanOrEqual(15);
      }
      expect(places.length).toBeGreaterThan(0);
    });

    it('matches every real phrasing, wherever the pattern is defined', () => {
      const misses = places.flatMap(({ where, test }) =>
        [...corpus.match.en, ...corpus.match.id].filter((text) => !test(text)).map((text) => `${where}: ${text}`),
      );
      expect(misses).toEqual([]);
    });

    it('matches no near miss, wherever the pattern is defined', () => {
      const hits = places.flatMap(({ where, test }) =>
        [...corpus.nearMiss.en, ...corpus.nearMiss.id].filter((text) => test(text)).map((text) => `${where}: ${text}`),
      );
      expect(hits).toEqual([]);
    });
  });
});
