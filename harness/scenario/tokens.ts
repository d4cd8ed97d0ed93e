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

  // A loopback address other than 127.0.0.1, so a client that ignores the typed address is caught.
  loopbackAddress(): string {
    const n = this.next();
    return `127.${1 + (n % 254)}.${(n >>> 8) % 256}.${1 + ((n >>> 16) % 254)}`;
  }
}
