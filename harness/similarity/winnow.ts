import { createHash } from 'node:crypto';
import type { Token } from './tokenize-source.js';

// A fingerprint of a run of k tokens: its hash and the lines it spans.
export interface Fingerprint {
  readonly hash: string;
  readonly firstLine: number;
  readonly lastLine: number;
}

// Tokens per k-gram: long enough that shared boilerplate (a socket setup line) does not match alone.
export const kgramTokens = 12;
// Window of the winnowing: any match of at least kgramTokens + window - 1 tokens is always found.
export const windowSize = 6;

// Winnowing (Schleimer, Wilkerson, Aiken 2003, as MOSS does): hashes every k-gram of the token
// stream and keeps the smallest hash of each window, so two texts sharing a long enough run of
// tokens share a fingerprint however the rest differs.
export function winnow(tokens: readonly Token[]): Fingerprint[] {
  if (tokens.length < kgramTokens) return [];
  const grams: Fingerprint[] = [];
  for (let i = 0; i + kgramTokens <= tokens.length; i++) {
    const slice = tokens.slice(i, i + kgramTokens);
    const hash = createHash('sha1')
      .update(slice.map((t) => t.text).join(' '))
      .digest('hex')
      .slice(0, 12);
    grams.push({ hash, firstLine: slice[0]?.line ?? 0, lastLine: slice[slice.length - 1]?.line ?? 0 });
  }
  const chosen = new Map<number, Fingerprint>();
  for (let start = 0; start + windowSize <= grams.length || (start === 0 && grams.length > 0); start++) {
    const window = grams.slice(start, start + windowSize);
    let best = 0;
    window.forEach((gram, index) => {
      if (gram.hash <= (window[best]?.hash ?? gram.hash)) best = index; // rightmost minimum, as the paper does
    });
    const gram = window[best];
    if (gram) chosen.set(start + best, gram);
    if (start + windowSize >= grams.length) break;
  }
  return [...chosen.entries()].sort((a, b) => a[0] - b[0]).map(([, gram]) => gram);
}
