import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSavedResult, readSavedSeed, saveResult } from '../../harness/batch/save-result.js';
import type { SubmissionResult } from '../../harness/model/result.js';

let out = '';
beforeEach(() => {
  out = mkdtempSync(path.join(tmpdir(), 'sockgrade-save-'));
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

function result(overrides: Partial<SubmissionResult> = {}): SubmissionResult {
  return {
    submission: 'alice',
    path: '/submissions/alice',
    rubric: 'udp-chat',
    score: 10,
    maxScore: 10,
    seed: 'beef',
    durationMs: 1200,
    gradedAt: '2024-05-01T10:00:00.000Z',
    harness: { version: '0.1.0', isolation: 'netns' },
    criteria: [],
    ...overrides,
  };
}

describe('saveResult', () => {
  it('writes <out>/<submission>/result.json, readable as the result, and leaves no partial file', () => {
    const file = saveResult(out, result());
    expect(file).toBe(path.join(out, 'alice', 'result.json'));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(result());
    expect(readdirSync(path.join(out, 'alice'))).toEqual(['result.json']);
  });

  it('replaces an earlier result by renaming a complete file over it, never by rewriting it in place', () => {
    const file = saveResult(out, result({ score: 1 }));
    const before = statSync(file).ino;
    saveResult(out, result({ score: 2 }));
    expect(statSync(file).ino).not.toBe(before); // a new file took the name at once
    expect((JSON.parse(readFileSync(file, 'utf8')) as SubmissionResult).score).toBe(2);
  });

  it('is not confused by a partial file an interrupted save left behind', () => {
    mkdirSync(path.join(out, 'alice'));
    writeFileSync(path.join(out, 'alice', 'result.json.partial'), '{"trunc');
    saveResult(out, result());
    expect(existsSync(path.join(out, 'alice', 'result.json.partial'))).toBe(false);
    expect(JSON.parse(readFileSync(path.join(out, 'alice', 'result.json'), 'utf8'))).toEqual(result());
  });
});

describe('loadSavedResult', () => {
  it('returns a result saved for the same submission, rubric and seed', () => {
    saveResult(out, result());
    expect(loadSavedResult(out, 'alice', 'udp-chat', 'beef')).toEqual(result());
  });

  it('ignores a result of another seed or rubric, a missing one, and one that is not JSON', () => {
    saveResult(out, result());
    expect(loadSavedResult(out, 'alice', 'udp-chat', 'other-seed')).toBeUndefined();
    expect(loadSavedResult(out, 'alice', 'tcp-chat', 'beef')).toBeUndefined();
    expect(loadSavedResult(out, 'bob', 'udp-chat', 'beef')).toBeUndefined();
    mkdirSync(path.join(out, 'carol'));
    writeFileSync(path.join(out, 'carol', 'result.json'), '{"submission": "car');
    expect(loadSavedResult(out, 'carol', 'udp-chat', 'beef')).toBeUndefined();
  });
});

describe('readSavedSeed', () => {
  it('reads the seed of an earlier batch from summary.json', () => {
    writeFileSync(path.join(out, 'summary.json'), JSON.stringify({ rubric: 'udp-chat', seed: 'abc123' }));
    expect(readSavedSeed(out)).toBe('abc123');
  });

  it('is undefined without a summary, or with a seed that is not text', () => {
    expect(readSavedSeed(out)).toBeUndefined();
    writeFileSync(path.join(out, 'summary.json'), JSON.stringify({ seed: 42 }));
    expect(readSavedSeed(out)).toBeUndefined();
  });
});
