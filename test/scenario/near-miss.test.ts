import { describe, expect, it } from 'vitest';
import { findNearMiss } from '../../harness/scenario/near-miss.js';

describe('findNearMiss', () => {
  it('finds the token with one or two characters changed', () => {
    expect(findNearMiss('alice: integritas k3j8x2m1ab', 'k3j9x2m1ab')).toBe('k3j8x2m1ab');
    expect(findNearMiss('k3j8x2m1aa', 'k3j9x2m1ab')).toBe('k3j8x2m1aa');
  });

  it('does not count the intact token, or text three characters away', () => {
    expect(findNearMiss('alice: integritas k3j9x2m1ab', 'k3j9x2m1ab')).toBeUndefined();
    expect(findNearMiss('k3j8x2m1zz', 'k3j9x2m1ab')).toBeUndefined();
    expect(findNearMiss('short', 'k3j9x2m1ab')).toBeUndefined();
  });
});
