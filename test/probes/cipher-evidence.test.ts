import { describe, expect, test } from 'vitest';
import { diagList, pointNamed, runOnFixture } from './run-probe.js';

const probe = 'cipher-evidence.py';
const classical = 'classical cipher (Caesar, Vigenere)';
const symmetric = 'modern symmetric cipher (AES, RC4, ChaCha20)';
const asymmetric = 'asymmetric cipher (RSA, X25519, ECDH)';
const ratchet = 'ratchet or group key schedule (Double Ratchet, MLS)';
const summary = 'cipher families with evidence';

describe('cipher-evidence.py (O2-O5, evidence only)', () => {
  test('one point per family and a summary, all ok', async () => {
    const { report, stderr } = await runOnFixture(probe, 'rsa-caesar');
    expect(stderr).toBe('');
    expect(report.tests.map((point) => point.name)).toEqual([classical, symmetric, asymmetric, ratchet, summary]);
    expect(report).toMatchObject({ ok: true, passed: 3, failed: 0, skipped: 2, problems: [] });
  });

  test('textbook RSA and a Caesar shift: pow(m, e, n), primes, % 26 and ord() arithmetic', async () => {
    const { report } = await runOnFixture(probe, 'rsa-caesar');
    const rsa = pointNamed(report, asymmetric);
    expect(diagList(rsa, 'found')).toEqual(['rsa_util.py:1: def is_prime(n):', 'rsa_util.py:6: return pow(m, e, n)']);
    expect(diagList(rsa, 'kinds')).toContain('three-argument pow (modular exponentiation)');
    const caesar = pointNamed(report, classical);
    expect(diagList(caesar, 'found')).toEqual(['caesar.py:5: return chr((ord(c) - 65 + SHIFT) % 26 + 65)']);
    expect(diagList(caesar, 'kinds')).toEqual(['letter arithmetic (% 26)', 'ord() plus or minus a shift']);
    expect(pointNamed(report, symmetric).skip).toBe('no evidence found');
    expect(pointNamed(report, summary).diag).toEqual({
      message: 'classical, asymmetric',
      families: ['classical', 'asymmetric'],
    });
  });

  test('RC4 written by hand: the state table, the key schedule loop with its swap, the XOR', async () => {
    const { report } = await runOnFixture(probe, 'rc4');
    const rc4 = pointNamed(report, symmetric);
    expect(diagList(rc4, 'kinds')).toEqual([
      '256-entry state table',
      'RC4-style key schedule (range(256) loop with a swap)',
      'XOR of characters with a key',
    ]);
    expect(diagList(rc4, 'found')).toEqual([
      'rc4.py:2: S = list(range(256))',
      'rc4.py:4: for i in range(256):',
      'rc4.py:11: return "".join(chr(ord(c) ^ S[k % 256]) for k, c in enumerate(text))',
    ]);
    expect(diagList(pointNamed(report, ratchet), 'found')).toContain('ratchet.py:4: class SymmetricRatchet:');
    expect(pointNamed(report, classical).skip).toBe('no evidence found');
    expect(pointNamed(report, summary).diag?.families).toEqual(['symmetric', 'ratchet']);
  });

  test('no cipher at all: the summary is skipped with a reason', async () => {
    const { report } = await runOnFixture(probe, 'procedural');
    expect(report).toMatchObject({ ok: true, passed: 0, skipped: 5 });
    expect(pointNamed(report, summary).skip).toBe('no cipher evidence found');
  });
});
