import { describe, expect, it } from 'vitest';
import { isInside } from '../../harness/sandbox/is-inside.js';

describe('isInside', () => {
  it('takes the folder itself and what lies below it', () => {
    expect(isInside('/class/alice', '/class/alice')).toBe(true);
    expect(isInside('/class/alice/lib/x.py', '/class/alice')).toBe(true);
    expect(isInside('/class/alice/..foo/x.py', '/class/alice')).toBe(true); // a name, not a way up
  });

  it('refuses what lies above or beside it, however it is written', () => {
    expect(isInside('/class', '/class/alice')).toBe(false);
    expect(isInside('/class/bob/server.py', '/class/alice')).toBe(false);
    expect(isInside('/class/alice/../bob', '/class/alice')).toBe(false);
    expect(isInside('/class/alicexyz', '/class/alice')).toBe(false);
  });
});
