import { createHash } from 'node:crypto';

// Deterministic randomness for one run: the same seed, submission, criterion and attempt
// give the same tokens and addresses, so a failing run can be replayed exactly.
export class SeededSource {
  private counter = 0;

  constructor(private readonly key: string) {}

  // A fresh 32-bit number.
  next(): number {
    const digest = createHash('sha256').update(`${this.key}/${this.counter++}`).digest();
    return digest.readUInt32BE(0);
  }

  // A fresh chat token such as "k3j9x2m1": lower-case letters and digits, never a word.
  token(): string {
    const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
    let token = '';
    for (let i = 0; i < 10; i++) token += alphabet[this.next() % alphabet.length];
    return token;
  }

  // Random-looking bytes, the same for the same seed: the content of a file to send.
  bytes(size: number): Buffer {
    const blocks: Buffer[] = [];
    const salt = this.next();
    for (let made = 0, block = 0; made < size; made += 32, block++) {
      blocks.push(createHash('sha256').update(`${this.key}/bytes/${salt}/${block}`).digest());
    }
    return Buffer.concat(blocks).subarray(0, size);
  }

  // A loopback address other than 127.0.0.1, so a client that ignores the typed address is caught.
  loopbackAddress(): string {
    const n = this.next();
    return `127.${1 + (n % 254)}.${(n >>> 8) % 256}.${1 + ((n >>> 16) % 254)}`;
  }
}
