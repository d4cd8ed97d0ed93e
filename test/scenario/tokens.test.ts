import { describe, expect, it } from 'vitest';
import { SeededSource } from '../../harness/scenario/tokens.js';

const draw = <T>(source: SeededSource, make: (s: SeededSource) => T, count: number): T[] =>
  Array.from({ length: count }, () => make(source));

describe('SeededSource', () => {
  it('gives the same tokens, numbers and addresses for the same key', () => {
    const a = new SeededSource('seed/sub/M1/0');
    const b = new SeededSource('seed/sub/M1/0');
    expect(draw(a, (s) => s.token(), 20)).toEqual(draw(b, (s) => s.token(), 20));
    expect(draw(a, (s) => s.loopbackAddress(), 20)).toEqual(draw(b, (s) => s.loopbackAddress(), 20));
    expect(draw(a, (s) => s.next(), 20)).toEqual(draw(b, (s) => s.next(), 20));
  });

  it('gives other tokens for another key, and a fresh token each time', () => {
    const tokens = draw(new SeededSource('seed/sub/M1/0'), (s) => s.token(), 200);
    expect(new Set(tokens).size).toBe(200);
    expect(draw(new SeededSource('seed/sub/M1/1'), (s) => s.token(), 20)).not.toEqual(tokens.slice(0, 20));
  });

  it('makes tokens of 10 lower-case letters and digits, without look-alikes (i, l, o, 0, 1)', () => {
    const tokens = draw(new SeededSource('tokens'), (s) => s.token(), 500);
    expect(tokens.filter((token) => !/^[a-hj-km-np-z2-9]{10}$/.test(token))).toEqual([]);
  });

  it('never gives 127.0.0.1 as a loopback address, always a valid host address in 127.0.0.0/8', () => {
    const addresses = draw(new SeededSource('addresses'), (s) => s.loopbackAddress(), 5000);
    const invalid = addresses.filter((address) => {
      const octets = address.split('.').map(Number);
      const [first, , , last] = octets;
      return (
        address === '127.0.0.1' ||
        octets.length !== 4 ||
        first !== 127 ||
        octets.some((octet) => !Number.isInteger(octet) || octet < 0 || octet > 255) ||
        last === 0 || // a network address
        last === 255 // a broadcast one
      );
    });
    expect(invalid).toEqual([]);
    expect(new Set(addresses).size).toBeGreaterThan(4900);
  });

  it('gives the same bytes for the same key, of the size asked', () => {
    const a = new SeededSource('bytes').bytes(100);
    expect(a).toHaveLength(100);
    expect(new SeededSource('bytes').bytes(100).equals(a)).toBe(true);
    expect(new SeededSource('other').bytes(100).equals(a)).toBe(false);
    expect(new SeededSource('bytes').bytes(0)).toHaveLength(0);
  });
});
