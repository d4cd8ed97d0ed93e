import { describe, expect, it } from 'vitest';
import { findReadable } from '../../harness/wire/find-readable.js';

const token = 'k3j9x2m1ab';

describe('findReadable', () => {
  it.each([
    ['plain text', Buffer.from(`{"text":"halo ${token}"}`)],
    ['UTF-16LE', Buffer.from(`halo ${token}`, 'utf16le')],
    ['UTF-16BE', Buffer.from(`halo ${token}`, 'utf16le').swap16()],
    ['base64', Buffer.from(`{"data":"${Buffer.from(`alice: halo ${token}`).toString('base64')}"}`)],
    ['base64', Buffer.from(Buffer.from(`xy${token}`).toString('base64url'))],
    ['hex', Buffer.from(`MSG ${Buffer.from(`bob: ${token}`).toString('hex')}`)],
  ])('finds the text as %s', (how, bytes) => {
    expect(findReadable(bytes, token)).toBe(how);
  });

  it('finds nothing in ciphertext', () => {
    const cipher = Buffer.from(Array.from(Buffer.from(`halo ${token}`), (b, i) => b ^ (0x5a + i)));
    expect(findReadable(cipher, token)).toBeUndefined();
    expect(findReadable(Buffer.from('104,97,108,111'), token)).toBeUndefined();
  });
});
