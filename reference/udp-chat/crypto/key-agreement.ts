import { createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, type KeyObject } from 'node:crypto';

// The HKDF "info" string; changing it changes every key, so it names the protocol and version.
export const hkdfInfo = 'sockgrade udp-chat v1';

// The keys of one session, one set per direction (client-to-server, server-to-client).
export interface SessionKeys {
  readonly clientToServerKey: Buffer;
  readonly serverToClientKey: Buffer;
  readonly clientToServerNoncePrefix: Buffer;
  readonly serverToClientNoncePrefix: Buffer;
}

// An ephemeral X25519 key pair whose public half travels as 32 raw bytes (RFC 7748).
export class EphemeralKeyPair {
  private constructor(
    private readonly privateKey: KeyObject,
    readonly publicRaw: Buffer,
  ) {}

  static generate(): EphemeralKeyPair {
    const { publicKey, privateKey } = generateKeyPairSync('x25519');
    const jwk = publicKey.export({ format: 'jwk' });
    if (typeof jwk.x !== 'string') throw new Error('X25519 public key export gave no "x"');
    return new EphemeralKeyPair(privateKey, Buffer.from(jwk.x, 'base64url'));
  }

  // The X25519 shared secret with a peer's raw public key; undefined when the peer's key is
  // unusable (wrong length, or a low-order point that yields an all-zero secret).
  agree(peerRaw: Buffer): Buffer | undefined {
    if (peerRaw.length !== 32) return undefined;
    try {
      const publicKey = createPublicKey({
        key: { kty: 'OKP', crv: 'X25519', x: peerRaw.toString('base64url') },
        format: 'jwk',
      });
      const secret = diffieHellman({ privateKey: this.privateKey, publicKey });
      return secret.every((byte) => byte === 0) ? undefined : secret;
    } catch {
      return undefined;
    }
  }
}

// Derives the session keys: HKDF-SHA256 over the shared secret, salted with both public keys
// (client's first), 72 bytes split 32 + 32 + 4 + 4.
export function deriveSessionKeys(sharedSecret: Buffer, clientKey: Buffer, serverKey: Buffer): SessionKeys {
  const salt = Buffer.concat([clientKey, serverKey]);
  const material = Buffer.from(hkdfSync('sha256', sharedSecret, salt, Buffer.from(hkdfInfo, 'ascii'), 72));
  return {
    clientToServerKey: material.subarray(0, 32),
    serverToClientKey: material.subarray(32, 64),
    clientToServerNoncePrefix: material.subarray(64, 68),
    serverToClientNoncePrefix: material.subarray(68, 72),
  };
}
