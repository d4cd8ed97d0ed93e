import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  applyOverrides,
  loadOverrides,
  parseOverrides,
  type Overrides,
} from '../../harness/report/overrides/overrides.js';
import { renderCsv } from '../../harness/report/formats/render-csv.js';
import { renderHtml } from '../../harness/report/html/render-html.js';
import { summarizeResults } from '../../harness/report/summarize-results.js';
import { loadFixtures, pickResult } from './fixture-results.js';

const goodOverrides = `# Lecturer overrides for the 2024 UDP chat batch
bob-partial:
  M2: { points: 10, comment: "Forwarding works when run on two machines; the harness saw a NAT quirk." }
  O1: { points: 2 }
mallory-hostile:
  M5: { points: 6, comment: "Refuses wrong passwords but prints no message." }
`;

async function parseGood(): Promise<Overrides> {
  const { results } = await loadFixtures();
  const outcome = parseOverrides(goodOverrides, 'overrides.yaml', results);
  if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
  return outcome.overrides;
}

describe('parseOverrides errors', () => {
  test('an unknown criterion fails with file:line:col of its key', async () => {
    const { results } = await loadFixtures();
    const text =
      '# Lecturer overrides for the 2024 UDP chat batch\nbob-partial:\n    M9: { points: 1, comment: "typo for M2" }\n';
    expect(parseOverrides(text, 'overrides.yaml', results)).toEqual({
      ok: false,
      errors: [
        'overrides.yaml:3:5 bob-partial.M9: expected a criterion of bob-partial (M1, M2, M3, M4, M5, M6, O1), found "M9"',
      ],
    });
  });

  test('an unknown submission fails at its key', async () => {
    const { results } = await loadFixtures();
    const outcome = parseOverrides('carol:\n  M1: { points: 1 }\n', 'overrides.yaml', results);
    expect(outcome).toEqual({
      ok: false,
      errors: [
        'overrides.yaml:1:1 carol: expected a graded submission (alice-full, bob-partial, dave-late, mallory-hostile), found "carol"',
      ],
    });
  });

  test('points above the maximum fail at the value', async () => {
    const { results } = await loadFixtures();
    const outcome = parseOverrides('bob-partial:\n  O1: { points: 7 }\n', 'overrides.yaml', results);
    expect(outcome).toEqual({
      ok: false,
      errors: ['overrides.yaml:2:17 bob-partial.O1.points: expected at most 5, the maximum of O1, found 7'],
    });
  });

  test('every problem is reported at once, in file order', async () => {
    const { results } = await loadFixtures();
    const text = [
      'bob-partial:',
      '  M2: { points: "ten" }',
      '  M3: { pts: 1, points: 2 }',
      '  M4: { comment: "no points" }',
      '  M5: { points: -1 }',
      'nobody: {}',
      '',
    ].join('\n');
    const outcome = parseOverrides(text, 'o.yaml', results);
    expect(outcome).toEqual({
      ok: false,
      errors: [
        'o.yaml:2:17 bob-partial.M2.points: expected a number of points of at least 0, found "ten"',
        'o.yaml:3:9 bob-partial.M3.pts: unknown key; expected one of points or comment',
        'o.yaml:4:7 bob-partial.M4.points: missing; expected a number of points of at least 0',
        'o.yaml:5:17 bob-partial.M5.points: expected a number of points of at least 0, found -1',
        'o.yaml:6:1 nobody: expected a graded submission (alice-full, bob-partial, dave-late, mallory-hostile), found "nobody"',
      ],
    });
  });

  test('a YAML syntax error cites its place', async () => {
    const { results } = await loadFixtures();
    const outcome = parseOverrides('bob-partial:\n  M2: { points: 1\n', 'overrides.yaml', results);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.errors[0]).toMatch(/^overrides\.yaml:\d+:\d+ /);
  });

  test('a top level that is not a map says what it should be', async () => {
    const { results } = await loadFixtures();
    expect(parseOverrides('- bob-partial\n', 'overrides.yaml', results)).toEqual({
      ok: false,
      errors: ['overrides.yaml:1:1 expected a map of submission names to criteria, found a list of 1 item'],
    });
  });

  test('keys keep their typed form: a student number 0123 is not 123', async () => {
    const { results } = await loadFixtures();
    const numbered = [{ ...pickResult(results, 'alice-full'), submission: '0123' }];
    expect(parseOverrides('0123:\n  M1: { points: 9 }\n', 'overrides.yaml', numbered)).toEqual({
      ok: true,
      overrides: { '0123': { M1: { points: 9 } } },
    });
  });

  test('an empty file means no overrides', async () => {
    const { results } = await loadFixtures();
    expect(parseOverrides('# nothing yet\n', 'overrides.yaml', results)).toEqual({ ok: true, overrides: {} });
  });

  test('a missing file is reported with its path', async () => {
    const { results } = await loadFixtures();
    expect(await loadOverrides('/nonexistent/overrides.yaml', results)).toEqual({
      ok: false,
      errors: ['/nonexistent/overrides.yaml: cannot read the overrides: no such file'],
    });
  });

  test('loadOverrides reads a real file', async () => {
    const { results } = await loadFixtures();
    const dir = await mkdtemp(join(tmpdir(), 'sockgrade-overrides-'));
    await writeFile(join(dir, 'overrides.yaml'), goodOverrides);
    const outcome = await loadOverrides(join(dir, 'overrides.yaml'), results);
    expect(outcome.ok).toBe(true);
  });
});

describe('applyOverrides', () => {
  test('changes points, status, message and score, and keeps the automated verdict', async () => {
    const { results } = await loadFixtures();
    const applied = applyOverrides(results, await parseGood());
    const bob = pickResult(applied, 'bob-partial');
    expect(bob.score).toBe(32);
    expect(bob.criteria[1]).toMatchObject({
      id: 'M2',
      points: 10,
      status: 'pass',
      overridden: true,
      message: 'Overridden by the lecturer: Forwarding works when run on two machines; the harness saw a NAT quirk.',
      automated: {
        points: 0,
        status: 'fail',
        message: "Nothing reached bob within 5 s of alice's message: the server sent it back to alice instead.",
      },
    });
    expect(bob.criteria[6]).toMatchObject({
      id: 'O1',
      points: 2,
      status: 'fail',
      message: 'Overridden by the lecturer to 2/5 points.',
    });
    expect(pickResult(applied, 'mallory-hostile').criteria[4]).toMatchObject({ id: 'M5', points: 6, status: 'fail' });
    expect(pickResult(results, 'bob-partial').score).toBe(20);
  });

  test('re-applying is idempotent, and an emptied overrides file restores the automated verdicts', async () => {
    const { results } = await loadFixtures();
    const overrides = await parseGood();
    const once = applyOverrides(results, overrides);
    expect(applyOverrides(once, overrides)).toEqual(once);
    expect(applyOverrides(once, {})).toEqual(results);
  });

  test('change the CSV total and the HTML pages', async () => {
    const { results, summary } = await loadFixtures();
    const applied = applyOverrides(results, await parseGood());
    expect(renderCsv(applied).split('\r\n')).toContain('bob-partial,10,10,10,0,0,0,2,32,65');
    const files = renderHtml(applied, summarizeResults(applied, summary));
    const bobPage = files.find((file) => file.path === 'bob-partial/index.html')?.text ?? '';
    expect(bobPage).toContain('<span class="badge overridden">overridden</span>');
    expect(bobPage).toContain(
      'Overridden by the lecturer: Forwarding works when run on two machines; the harness saw a NAT quirk.',
    );
    expect(bobPage).toContain('<dt>Automated</dt><dd>failed (0/10): Nothing reached bob');
    expect(bobPage).toContain('32<small> / 65 points · 49%</small>');
    const classPage = files.find((file) => file.path === 'index.html')?.text ?? '';
    expect(classPage).toContain('<td class="num" data-value="32">32/65</td>');
  });
});
