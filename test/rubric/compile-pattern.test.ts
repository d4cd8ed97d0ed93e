import { describe, expect, it } from 'vitest';
import { compilePattern, explainBadPattern } from '../../harness/rubric/compile-pattern.js';

describe('compilePattern', () => {
  it('turns a leading (?i) into the i flag', () => {
    const regex = compilePattern('(?i)\\bport\\b');
    expect(regex.source).toBe('\\bport\\b');
    expect(regex.flags).toBe('i');
    expect(regex.test('PORT: ')).toBe(true);
  });

  it('compiles other regexes as they are', () => {
    expect(compilePattern('joined|welcome').flags).toBe('');
    expect(compilePattern('joined|welcome').test('Joined')).toBe(false);
  });

  it('throws on a regex that does not compile', () => {
    expect(() => compilePattern('(open')).toThrow(SyntaxError);
  });
});

describe('explainBadPattern', () => {
  it('says nothing of a good regex', () => {
    expect(explainBadPattern('(?i)(pass|sandi)')).toBeUndefined();
  });

  it('gives the reason, and a hint when (?i) is not at the start', () => {
    expect(explainBadPattern('(open')).toBe('Unterminated group');
    expect(explainBadPattern('pass(?i)')).toBe('Invalid group; "(?i)" is only understood at the very start');
  });
});
