import { describe, expect, it } from 'vitest';
import { validateRubrics } from '../../harness/rubric/validate-rubrics.js';
import { fixtureRubric, shippedRubric } from './fixture-path.js';

async function run(files: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await validateRubrics(files, (line) => lines.push(line));
  return { code, lines };
}

describe('validateRubrics', () => {
  it('prints a summary and returns 0 for a good rubric', async () => {
    const { code, lines } = await run([shippedRubric]);
    expect(code).toBe(0);
    expect(lines).toEqual([`ok  ${shippedRubric} (19 criteria, 120 points)`]);
  });

  it('counts a single criterion and fractional points', async () => {
    expect((await run([fixtureRubric('minimal.yaml')])).lines).toEqual([
      `ok  ${fixtureRubric('minimal.yaml')} (2 criteria, 7.5 points)`,
    ]);
  });

  it('prints every issue of a bad rubric and returns 2', async () => {
    const file = fixtureRubric('three-mistakes.yaml');
    const { code, lines } = await run([file]);
    expect(code).toBe(2);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(`${file}:15:13 criteria[1].points: expected a number from 0 to 1000, found "ten"`);
  });

  it('returns 2 for a missing file, without throwing', async () => {
    expect(await run(['rubrics/nope.yaml'])).toEqual({ code: 2, lines: ['rubrics/nope.yaml: no such file'] });
  });

  it('checks every file even after a bad one, and returns 2 if any is bad', async () => {
    const bad = fixtureRubric('duplicate-id.yaml');
    const { code, lines } = await run([bad, shippedRubric]);
    expect(code).toBe(2);
    expect(lines).toEqual([
      `${bad}:9:9 criteria[1].id: duplicate id "M1", already used by criteria[0]`,
      `ok  ${shippedRubric} (19 criteria, 120 points)`,
    ]);
  });
});
