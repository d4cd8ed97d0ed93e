import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSockgrade } from '../helpers/cli.js';
import { sampleVariants, surveyExamples, writeVariant, expectedVerdicts, type Variant } from './derive-variants.js';
import { transforms } from './transforms.js';

// Issue 11, item 5: a different student's way of writing the same program must earn the same
// verdicts. A seeded sample of variants (derive-variants.ts) of the udp-chat and tcp-chat
// examples is graded, one batch per rubric with no reruns (as calibrate grades), and every
// verdict must equal the example's expected.yaml. SOCKGRADE_METAMORPHIC_SEED draws another sample.

const seed = process.env['SOCKGRADE_METAMORPHIC_SEED'] ?? 'issue-11';
const samples = [
  { rubric: 'udp-chat', count: 6 },
  { rubric: 'tcp-chat', count: 2 },
] as const;

type Criterion = { id: string; status: string; message: string };

// CPU time of this process's waited-for children (the CLI and everything it ran), from /proc.
function childCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8')
    .replace(/^.*\) /s, '')
    .split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100; // cutime, cstime in clock ticks
}

const variants: Variant[] = samples.flatMap(({ rubric, count }) => sampleVariants(rubric, count, seed));
const results = new Map<string, Record<string, Criterion>>();
let classDir = '';
let outDir = '';

describe('variants a different student might have written', () => {
  it('derives, for every transform, an example it applies to, and says why it skips the others', () => {
    const applied = new Set<string>();
    for (const { rubric } of samples) {
      const { sources, skipped } = surveyExamples(rubric);
      for (const source of sources) {
        for (const transform of transforms) {
          if (!skipped.some((s) => s.example === source.name && s.transform === transform.name))
            applied.add(transform.name);
        }
      }
      for (const skip of skipped) expect(skip.reason, `${skip.example} ${skip.transform}`).toMatch(/\w{3,}/);
      console.log(`${rubric}: skipped\n${skipped.map((s) => `  ${s.example} ${s.transform}: ${s.reason}`).join('\n')}`);
    }
    expect([...applied].sort()).toEqual(transforms.map((t) => t.name).sort());
    expect(variants.every((v) => v.changes.length > 0 && v.files.size > 0)).toBe(true);
  });

  describe(`graded (seed ${seed})`, () => {
    beforeAll(async () => {
      classDir = mkdtempSync(path.join(tmpdir(), 'sockgrade-metamorphic-'));
      outDir = mkdtempSync(path.join(tmpdir(), 'sockgrade-metamorphic-out-'));
      const started = childCpuSeconds();
      const wall = Date.now();
      for (const { rubric } of samples) {
        const dirs = variants
          .filter((v) => v.rubric === rubric)
          .map((v) => writeVariant(v, path.join(classDir, rubric)));
        const graded = await runSockgrade(
          [
            'grade',
            ...dirs,
            '--rubric',
            `rubrics/${rubric}.yaml`,
            '--out',
            path.join(outDir, rubric),
            '--format',
            'json',
            '--reruns',
            '0',
          ],
          { timeoutMs: 600_000 },
        );
        expect([0, 1], `${graded.stdout}\n${graded.stderr}`).toContain(graded.code);
        for (const v of variants.filter((x) => x.rubric === rubric)) {
          const result = JSON.parse(readFileSync(path.join(outDir, rubric, v.name, 'result.json'), 'utf8')) as {
            criteria: Criterion[];
          };
          results.set(v.name, Object.fromEntries(result.criteria.map((c) => [c.id, c])));
        }
      }
      // The cost the closing notes quote: wall time is inflated on a shared machine, CPU is not.
      const cpu = childCpuSeconds() - started;
      console.log(
        `metamorphic class: ${variants.length} variants graded in ${Math.round((Date.now() - wall) / 1000)} s, ${Math.round(cpu)} CPU-seconds`,
      );
    }, 900_000);

    afterAll(() => {
      if (classDir) rmSync(classDir, { recursive: true, force: true });
      if (outDir) rmSync(outDir, { recursive: true, force: true });
    });

    it.each(variants.map((v) => [v.name, v] as const))("%s earns its example's expected verdicts", (_name, variant) => {
      const got = results.get(variant.name) ?? {};
      const expected = expectedVerdicts(variant);
      const differences = Object.entries(expected)
        .filter(([id, status]) => got[id]?.status !== status)
        .map(
          ([id, status]) =>
            `${id}: expected ${status}, got ${got[id]?.status ?? 'nothing'}: ${got[id]?.message.split('\n').slice(0, 3).join(' / ') ?? ''}`,
        );
      expect(differences, `changes:\n  ${variant.changes.join('\n  ')}`).toEqual([]);
    });
  });
});
