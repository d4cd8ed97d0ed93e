const maxQuoted = 60;

// Says what a user wrote, for the "found …" half of a message: "ten" (quoted), 12, a list of 3 items, a map.
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'an empty value';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${plural(value.length, 'item')}`;
  if (typeof value === 'object') return Object.keys(value).length === 0 ? 'an empty map' : 'a map';
  return typeof value;
}

// Quotes text as JSON does, shortening what is too long to read in one line.
export function quote(text: string): string {
  const shown = text.length > maxQuoted ? `${text.slice(0, maxQuoted - 1)}…` : text;
  return JSON.stringify(shown);
}

// "1 item", "3 items".
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

// "a", "a or b", "a, b or c".
export function listWords(words: readonly string[], last = 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${last} ${words[words.length - 1] ?? ''}`;
}

// Whether a value is a YAML map (and not a list or a scalar).
export function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
