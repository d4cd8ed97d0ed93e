import { describe, expect, it } from 'vitest';
import { compilePattern, explainBadPattern, patternSource } from '../../harness/rubric/compile-pattern.js';

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

describe('patternSource', () => {
  it('writes a compiled pattern back as the text compilePattern compiles to the same pattern', () => {
    for (const text of ['(?i)\\bport\\b', '(?ms)^a.b$', 'a/b', 'joined|welcome', '']) {
      const regex = compilePattern(text);
      const again = compilePattern(patternSource(regex));
      expect([again.source, again.flags]).toEqual([regex.source, regex.flags]);
    }
  });

  it('keeps every flag a rubric may write, not only i', () => {
    expect(patternSource(compilePattern('(?ims)x'))).toBe('(?ims)x');
  });

  it('refuses a pattern with a flag a rubric cannot write', () => {
    expect(() => patternSource(/x/g)).toThrow('/x/g has flags a rubric cannot write');
  });
});
