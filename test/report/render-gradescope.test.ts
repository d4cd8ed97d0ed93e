import { describe, expect, test } from 'vitest';
import { renderGradescope } from '../../harness/report/formats/render-gradescope.js';
import { loadFixtures, pickResult } from './fixture-results.js';

// The fields of Gradescope's autograder specification that sockgrade writes.
const topLevelFields = ['execution_time', 'output', 'score', 'tests'];
const testFields = ['max_score', 'name', 'number', 'output', 'score', 'status', 'tags', 'visibility'];

async function renderFor(submission: string): Promise<Record<string, unknown>> {
  const { results } = await loadFixtures();
  return JSON.parse(renderGradescope(pickResult(results, submission))) as Record<string, unknown>;
}

function testsOf(json: Record<string, unknown>): Record<string, unknown>[] {
  return json['tests'] as Record<string, unknown>[];
}

describe('renderGradescope', () => {
  test('has exactly the specification fields, with their types', async () => {
    const json = await renderFor('bob-partial');
    expect(Object.keys(json).sort()).toEqual(topLevelFields);
    expect(json['score']).toBe(20);
    expect(json['execution_time']).toBe(12);
    expect(Number.isInteger(json['execution_time'])).toBe(true);
    expect(typeof json['output']).toBe('string');
    for (const item of testsOf(json)) {
      expect(Object.keys(item).sort()).toEqual(
        item['status'] === undefined ? testFields.filter((field) => field !== 'status') : testFields,
      );
      expect(typeof item['name']).toBe('string');
      expect(typeof item['number']).toBe('string');
      expect(typeof item['score']).toBe('number');
      expect(typeof item['max_score']).toBe('number');
      if (item['tags'] instanceof Array && item['tags'].includes('manual')) expect(item['status']).toBeUndefined();
      else expect(['passed', 'failed']).toContain(item['status']);
      expect(['visible', 'hidden', 'after_due_date', 'after_published']).toContain(item['visibility']);
      expect(Array.isArray(item['tags'])).toBe(true);
      expect(typeof item['output']).toBe('string');
    }
  });

  test('maps each criterion field by field', async () => {
    const tests = testsOf(await renderFor('bob-partial'));
    expect(tests.map((item) => item['number'])).toEqual(['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'O1']);
    expect(tests[0]).toMatchObject({
      name: 'The server prints the messages clients send',
      score: 10,
      max_score: 10,
      status: 'passed',
      visibility: 'visible',
      tags: ['mandatory', 'pass'],
    });
    expect(tests[1]).toMatchObject({ score: 0, max_score: 10, status: 'failed', tags: ['mandatory', 'fail'] });
    expect(tests[1]?.['output']).toContain(
      'Replay: sockgrade grade submissions/2024-udp/bob-partial --rubric rubrics/udp-chat.yaml --seed a3f9c2e1 --only M2 --out reports-replay/bob-partial',
    );
    expect(tests[1]?.['output']).toContain('Hint: When one client sends a message');
    expect(tests[3]).toMatchObject({ status: 'failed', tags: ['mandatory', 'blocked'] });
  });

  test('a blocked criterion says it did not run and what blocked it', async () => {
    const tests = testsOf(await renderFor('bob-partial'));
    expect(String(tests[3]?.['output']).split('\n')[0]).toBe(
      'Blocked: requires M2, which failed. It did not run, so it scored 0; its 10 points can be earned once what it requires passes.',
    );
    expect(tests[3]?.['output']).not.toContain('Replay:');
  });

  test('a manual criterion is pending, not failed: no status, no points at stake, and it says so', async () => {
    const json = await renderFor('mallory-hostile');
    const manual = testsOf(json).find((item) => item['number'] === 'M5');
    expect(manual).toMatchObject({ score: 0, max_score: 0, tags: ['mandatory', 'manual'] });
    expect(manual?.['status']).toBeUndefined();
    expect(manual?.['name']).toMatch(/\(graded by hand\)$/);
    expect(String(manual?.['output'])).toMatch(
      /^Pending: graded by hand by your lecturer, not by the autograder\. Its \d+ points are not part of this score and will be added when it is graded\./,
    );
    expect(json['output']).toMatch(
      /M5 \(\d+ points\) is graded by hand, not by the autograder: pending until your lecturer grades it\./,
    );
  });

  test('hidden criteria stay hidden', async () => {
    const tests = testsOf(await renderFor('alice-full'));
    expect(tests.find((item) => item['number'] === 'O1')).toMatchObject({
      visibility: 'hidden',
      score: 5,
      max_score: 5,
      tags: ['optional', 'pass'],
    });
    expect(tests.filter((item) => item['visibility'] === 'hidden')).toHaveLength(1);
  });

  test('the sum of test scores is the score', async () => {
    const json = await renderFor('mallory-hostile');
    const sum = testsOf(json).reduce((total, item) => total + (item['score'] as number), 0);
    expect(sum).toBe(json['score']);
  });
});
