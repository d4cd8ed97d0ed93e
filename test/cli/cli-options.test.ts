import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseList, parseScore, parseWholeNumber } from '../../harness/cli-options.js';

// The message a parser rejects a value with, or its value.
function outcome<T>(parse: (text: string) => T, text: string): T | string {
  try {
    return parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as Error).message;
  }
}

describe('parseWholeNumber', () => {
  const jobs = parseWholeNumber('--jobs', 1, 64);

  it('accepts whole numbers within the range', () => {
    expect(outcome(jobs, '1')).toBe(1);
    expect(outcome(jobs, '64')).toBe(64);
  });

  it.each(['0', '65', 'abc', '2.5', '-3', '', '1e1'])('refuses %j, naming the flag and the range', (text) => {
    expect(outcome(jobs, text)).toBe('--jobs must be a whole number from 1 to 64.');
  });
});

describe('parseScore', () => {
  const minScore = parseScore('--min-score');

  it('accepts points, fractional ones too', () => {
    expect(outcome(minScore, '0')).toBe(0);
    expect(outcome(minScore, '42.5')).toBe(42.5);
  });

  it.each(['-1', 'lots', '', 'Infinity'])('refuses %j', (text) => {
    expect(outcome(minScore, text)).toBe('--min-score must be a number of points, 0 or more.');
  });
});

describe('parseList', () => {
  it('splits on commas, trimming and dropping empty items', () => {
    expect(parseList('M1, M5,,O2 ')).toEqual(['M1', 'M5', 'O2']);
    expect(parseList('')).toEqual([]);
  });
});
