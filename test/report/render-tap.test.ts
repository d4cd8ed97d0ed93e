import { Parser, type FinalResults } from 'tap-parser';
import { describe, expect, test } from 'vitest';
import { escapeTapDescription, renderTap } from '../../harness/report/formats/render-tap.js';
import { hostileName, loadFixtures } from './fixture-results.js';

interface ParsedTap {
  readonly top: FinalResults;
  readonly children: Map<string, FinalResults>;
}

function parseTap(text: string): Promise<ParsedTap> {
  return new Promise((resolve) => {
    const parser = new Parser();
    const children = new Map<string, FinalResults>();
    parser.on('child', (child: Parser) =>
      child.on('complete', (results: FinalResults) => children.set(child.name, results)),
    );
    parser.on('complete', (top: FinalResults) => resolve({ top, children }));
    parser.end(text);
  });
}

describe('renderTap', () => {
  test('starts with the TAP 14 version line and a plan', async () => {
    const { results } = await loadFixtures();
    const lines = renderTap(results).split('\n');
    expect(lines.slice(0, 2)).toEqual(['TAP version 14', '1..4']);
  });

  test('parsed back by tap-parser: plan, passes and failures per submission', async () => {
    const { results } = await loadFixtures();
    const { top, children } = await parseTap(renderTap(results));
    expect(top.plan).toMatchObject({ start: 1, end: 4 });
    expect(top).toMatchObject({ count: 4, pass: 1, fail: 3, ok: false });
    expect(top.failures.filter((failure) => Boolean(failure.tapError))).toEqual([]);
    const bob = children.get('bob-partial');
    expect(bob?.plan).toMatchObject({ start: 1, end: 7 });
    expect(bob).toMatchObject({ count: 7, fail: 3, skip: 2 });
    expect(bob?.skips.map((skip) => skip.skip)).toEqual([
      'blocked: Blocked: requires M2, which failed.',
      'blocked: Blocked: requires M4, which is blocked.',
    ]);
    expect(children.get('alice-full')).toMatchObject({ count: 7, pass: 7, fail: 0, ok: true });
  });

  test('a failure has YAML diagnostics with what was expected, seen and how to replay it', async () => {
    const { results } = await loadFixtures();
    const { children } = await parseTap(renderTap(results));
    const m2 = children
      .get('bob-partial')
      ?.failures.find((failure) => failure.name === "M2 The server forwards a client's message to the other clients");
    expect(m2?.diag).toMatchObject({
      severity: 'fail',
      points: 0,
      maxPoints: 10,
      expected: 'bob\'s link carries at least 8 bytes down, or bob prints "4c21e8", within 5s',
      replay:
        'sockgrade grade submissions/2024-udp/bob-partial --rubric rubrics/udp-chat.yaml --seed a3f9c2e1 --only M2 --out reports-replay/bob-partial',
    });
    expect(m2?.diag.transcript).toContain('+0.644s server stdout alice: halo 4c21e8');
  });

  test('hostile transcripts cannot forge test points or end the diagnostics early', async () => {
    const { results } = await loadFixtures();
    const { children } = await parseTap(renderTap(results));
    const mallory = children.get('mallory-hostile');
    expect(mallory).toMatchObject({ count: 7, fail: 4, skip: 2 });
    expect(mallory?.failures.filter((failure) => Boolean(failure.tapError))).toEqual([]);
    const m1 = mallory?.failures.find((failure) => failure.name.startsWith('M1 '));
    expect(m1?.diag.observed).toBe(
      '<script>alert(1)</script> ]]> & "quoted" \\x00\\x07\\x1b[31mred\\x1b[0m \\u202eevil\\u202c ✓',
    );
    expect(m1?.diag.transcript).toContain(
      '+0.017s alice       stdout not ok 99 - fake tap line # SKIP\\n  ---\\n  ...',
    );
  });

  test('escapes # and backslashes in descriptions', () => {
    expect(escapeTapDescription('M1 # not a directive \\ back')).toBe('M1 \\# not a directive \\\\ back');
  });

  test('keeps a hostile submission name on one line, its control characters and newline shown as escapes', async () => {
    const { results } = await loadFixtures();
    const bob = results.find((result) => result.submission === 'bob-partial');
    if (bob === undefined) throw new Error('no bob-partial');
    const lines = renderTap([{ ...bob, submission: hostileName }]).split('\n');
    expect(lines[2]).toBe('# Subtest: evil\\\\x1b[2J\\\\x07na\\\\me\\\\nrm \\#1');
    expect(lines.at(-2)).toBe('not ok 1 - evil\\\\x1b[2J\\\\x07na\\\\me\\\\nrm \\#1: 20/65 points');
    expect(lines.join('\n')).not.toMatch(/[\x07\x1b]/);
  });
});
