import { describe, expect, test } from 'vitest';
import { formatCsvField, renderCsv } from '../../harness/report/formats/render-csv.js';
import { hostileName, loadFixtures, pickResult } from './fixture-results.js';

describe('renderCsv', () => {
  test('has a column per criterion, then total and max, and a row per submission', async () => {
    const { results } = await loadFixtures();
    const lines = renderCsv(results).split('\r\n');
    expect(lines[0]).toBe('submission,M1,M2,M3,M4,M5,M6,O1,total,max');
    expect(lines).toContain('alice-full,10,10,10,10,10,10,5,65,65');
    expect(lines).toContain('bob-partial,10,0,10,0,0,0,0,20,65');
    expect(lines).toContain('mallory-hostile,0,5,10,0,0,0,0,15,65');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(results.length + 2);
  });

  test('quotes commas and quotes, and defuses spreadsheet formulas in names', async () => {
    const { results } = await loadFixtures();
    const alice = pickResult(results, 'alice-full');
    const csv = renderCsv([
      { ...alice, submission: 'smith, "jo"' },
      { ...alice, submission: '=HYPERLINK("http://x","y")' },
      { ...alice, submission: '-2+3' },
    ]);
    const rows = csv.split('\r\n');
    expect(rows[1]?.startsWith('"smith, ""jo""",')).toBe(true);
    expect(rows[2]?.startsWith(`"'=HYPERLINK(""http://x"",""y"")",`)).toBe(true);
    expect(rows[3]?.startsWith("'-2+3,")).toBe(true);
  });

  test('leaves numbers alone and quotes padded text', () => {
    expect(formatCsvField('-1', false)).toBe('-1');
    expect(formatCsvField(' padded ')).toBe('" padded "');
  });

  test('prints fractional points without float noise', async () => {
    const { results } = await loadFixtures();
    const alice = pickResult(results, 'alice-full');
    const csv = renderCsv([
      { ...alice, score: 0.1 + 0.2, criteria: alice.criteria.map((c) => ({ ...c, points: 0.1 + 0.2 })) },
    ]);
    expect(csv.split('\r\n')[1]).toBe('alice-full,0.3,0.3,0.3,0.3,0.3,0.3,0.3,0.3,65');
  });

  test('shows control characters in a name as escapes, never raw', async () => {
    const { results } = await loadFixtures();
    const rows = renderCsv([{ ...pickResult(results, 'alice-full'), submission: hostileName }]).split('\r\n');
    expect(rows[1]).toBe('evil\\x1b[2J\\x07na\\me\\nrm #1,10,10,10,10,10,10,5,65,65');
    expect(
      renderCsv([{ ...pickResult(results, 'alice-full'), submission: '\t=1+1' }])
        .split('\r\n')[1]
        ?.startsWith('\\x09=1+1,'),
    ).toBe(true);
  });
});
