import { createCipheriv, createDecipheriv } from 'node:crypto';
import { encodeSealedHeader, type Packet } from '../wire/packet.js';
import type { SessionKeys } from './key-agreement.js';

type SealedPacket = Extract<Packet, { type: 'sealed' }>;

// Encrypts and authenticates frames with AES-256-GCM for one side of a session. The nonce is
// the direction's 4-byte prefix followed by the 8-byte packet number, which counts every
// datagram sent in that direction from 0, so no nonce is ever used twice under one key.
export class PacketSealer {
  private nextNumber = 0n;
  private readonly sendKey: Buffer;
  private readonly sendPrefix: Buffer;
  private readonly receiveKey: Buffer;
  private readonly receivePrefix: Buffer;

  constructor(
    keys: SessionKeys,
    side: 'client' | 'server',
    private readonly verify: boolean,
  ) {
    const clientSide = side === 'client';
    this.sendKey = clientSide ? keys.clientToServerKey : keys.serverToClientKey;
    this.sendPrefix = clientSide ? keys.clientToServerNoncePrefix : keys.serverToClientNoncePrefix;
    this.receiveKey = clientSide ? keys.serverToClientKey : keys.clientToServerKey;
    this.receivePrefix = clientSide ? keys.serverToClientNoncePrefix : keys.clientToServerNoncePrefix;
  }

  // A whole SEALED datagram carrying this plaintext.
  seal(plaintext: Buffer): Buffer {
    const number = this.nextNumber++;
    const header = encodeSealedHeader(number);
    const cipher = createCipheriv('aes-256-gcm', this.sendKey, nonceFor(this.sendPrefix, number));
    cipher.setAAD(header);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([header, ciphertext, cipher.getAuthTag()]);
  }

  // The plaintext of a SEALED datagram, or undefined when its tag does not verify. Built with
  // verify off (a deliberately broken reference) it returns whatever the ciphertext decrypts to.
  open(packet: SealedPacket): Buffer | undefined {
    const decipher = createDecipheriv('aes-256-gcm', this.receiveKey, nonceFor(this.receivePrefix, packet.number));
    decipher.setAAD(packet.header);
    if (!this.verify) return decipher.update(packet.ciphertext);
    decipher.setAuthTag(packet.tag);
    try {
      return Buffer.concat([decipher.update(packet.ciphertext), decipher.final()]);
    } catch {
      return undefined;
    }
  }
}

function nonceFor(prefix: Buffer, number: bigint): Buffer {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0);
  nonce.writeBigUInt64BE(number, 4);
  return nonce;
}
