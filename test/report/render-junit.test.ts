import { XMLValidator } from 'fast-xml-parser';
import { parse, type TestCase, type TestSuites } from 'junit2json';
import { describe, expect, test } from 'vitest';
import { renderJunit } from '../../harness/report/formats/render-junit.js';
import { hostileName, loadFixtures } from './fixture-results.js';

const xmlInvalid =
  /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

async function parseJunit(): Promise<{ xml: string; parsed: TestSuites }> {
  const { results, summary } = await loadFixtures();
  const xml = renderJunit(results, summary);
  const parsed = (await parse(xml)) as TestSuites;
  return { xml, parsed };
}

function casesOf(parsed: TestSuites): TestCase[] {
  return (parsed.testsuite ?? []).flatMap((suite) => suite.testcase ?? []);
}

describe('renderJunit', () => {
  test('is well-formed XML 1.0 without forbidden characters, even with hostile transcripts', async () => {
    const { xml } = await parseJunit();
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toMatch(xmlInvalid);
  });

  test('parsed back by junit2json, counts of tests, failures, errors and skipped match the verdicts', async () => {
    const { parsed } = await parseJunit();
    expect(parsed).toMatchObject({ tests: 28, failures: 6, errors: 2, skipped: 4 });
    const cases = casesOf(parsed);
    expect(cases).toHaveLength(28);
    expect(cases.filter((c) => c.failure !== undefined)).toHaveLength(6);
    expect(cases.filter((c) => c.error !== undefined)).toHaveLength(2);
    expect(cases.filter((c) => c.skipped !== undefined)).toHaveLength(4);
  });

  test('has a testsuite per submission with its own counts', async () => {
    const { parsed } = await parseJunit();
    const suites = Object.fromEntries((parsed.testsuite ?? []).map((suite) => [suite.name, suite]));
    expect(Object.keys(suites)).toEqual(['alice-full', 'bob-partial', 'dave-late', 'mallory-hostile']);
    expect(suites['alice-full']).toMatchObject({ tests: 7, failures: 0, errors: 0, skipped: 0 });
    expect(suites['bob-partial']).toMatchObject({ tests: 7, failures: 2, errors: 1, skipped: 2 });
    expect(suites['mallory-hostile']).toMatchObject({ tests: 7, failures: 3, errors: 1, skipped: 2 });
    expect(suites['bob-partial']?.properties).toContainEqual({ name: 'seed', value: 'a3f9c2e1' });
  });

  test('a failure carries message, body with expected/observed/replay, and system-out with the transcript', async () => {
    const { parsed } = await parseJunit();
    const m2 = casesOf(parsed).find((c) => c.classname === 'bob-partial' && c.name?.startsWith('M2 '));
    expect(m2?.failure?.[0]?.message).toBe(
      "Nothing reached bob within 5 s of alice's message: the server sent it back to alice instead.",
    );
    expect(m2?.failure?.[0]?.type).toBe('fail');
    expect(m2?.failure?.[0]?.inner).toContain("Expected: bob's link carries at least 8 bytes down");
    expect(m2?.failure?.[0]?.inner).toContain(
      'Replay: sockgrade grade submissions/2024-udp/bob-partial --rubric rubrics/udp-chat.yaml --seed a3f9c2e1 --only M2 --out reports-replay/bob-partial',
    );
    expect(m2?.['system-out']?.[0]).toContain('+0.644s server stdout alice: halo 4c21e8');
    const m4 = casesOf(parsed).find((c) => c.classname === 'bob-partial' && c.name?.startsWith('M4 '));
    expect(m4?.skipped?.[0]?.message).toBe('blocked: Blocked: requires M2, which failed.');
  });

  test('hostile text survives as text: <script>, ]]> and control characters', async () => {
    const { parsed } = await parseJunit();
    const m1 = casesOf(parsed).find((c) => c.classname === 'mallory-hostile' && c.name?.startsWith('M1 '));
    const body = m1?.failure?.[0]?.inner ?? '';
    expect(body).toContain('Observed: <script>alert(1)</script> ]]> & "quoted" \\x00\\x07\\x1b[31mred');
    expect(m1?.['system-out']?.[0]).toContain('<script>alert(document.cookie)</script>');
    expect(m1?.['system-out']?.[0]).toContain('\\x1b[31mERROR\\x1b[0m \\x00\\x08\\x0b\\x0c\\x7f \\u202eTXT.exe');
    const m4 = casesOf(parsed).find((c) => c.classname === 'mallory-hostile' && c.name?.startsWith('M4 '));
    expect(m4?.failure?.[0]?.inner).toContain('bob printed: ]]></system-out><script>x</script>');
  });

  test('shows control characters and a newline in a submission name as escapes, on one line', async () => {
    const { results, summary } = await loadFixtures();
    const bob = results.find((result) => result.submission === 'bob-partial');
    if (bob === undefined) throw new Error('no bob-partial');
    const xml = renderJunit([{ ...bob, submission: hostileName }], summary);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<testsuite name="evil\\x1b[2J\\x07na\\me\\nrm #1" tests="7"');
    expect(xml).toContain('classname="evil\\x1b[2J\\x07na\\me\\nrm #1"');
    expect(xml).not.toMatch(/[\x07\x1b]|&#10;/);
  });
});
