// Finds a near miss of a token in some text: the same length with 1 or 2 characters changed,
// what a receiver prints when it delivers a corrupted message as if it were intact.
export function findNearMiss(text: string, token: string): string | undefined {
  const n = token.length;
  for (let at = 0; at + n <= text.length; at++) {
    let differences = 0;
    for (let i = 0; i < n && differences <= 2; i++) if (text[at + i] !== token[i]) differences++;
    if (differences >= 1 && differences <= 2) return text.slice(at, at + n);
  }
  return undefined;
}
