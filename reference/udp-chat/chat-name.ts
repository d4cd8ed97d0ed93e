import { limits } from './settings.js';

// Whether a chat name is acceptable: 1 to 32 characters, no whitespace, control characters or
// ":" (which would make "name: text" ambiguous).
export function isValidName(name: string): boolean {
  const length = [...name].length;
  return length >= 1 && length <= limits.maxNameLength && !/[\s\u0000-\u001f\u007f:]/u.test(name);
}

// The key under which names are compared, so "Alice" and "alice" cannot both be in the room.
export function normalizeName(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
