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
      expect(Object.keys(item).sort()).toEqual(testFields);
      expect(typeof item['name']).toBe('string');
      expect(typeof item['number']).toBe('string');
      expect(typeof item['score']).toBe('number');
      expect(typeof item['max_score']).toBe('number');
      expect(['passed', 'failed']).toContain(item['status']);
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
