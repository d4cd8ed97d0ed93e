import { InvalidArgumentError } from 'commander';

// Parsers for the CLI's flags: a value out of range is a usage error that says so.

// A whole number within [min, max]; anything else is a usage error naming the flag.
export function parseWholeNumber(flag: string, min: number, max: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
      throw new InvalidArgumentError(`${flag} must be a whole number from ${min} to ${max}.`);
    }
    return value;
  };
}

// A number ≥ 0 (points may be fractional).
export function parseScore(flag: string): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
      throw new InvalidArgumentError(`${flag} must be a number of points, 0 or more.`);
    }
    return value;
  };
}

// A comma-separated list such as "M1,M5".
export function parseList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

// A share from 0 to 1, such as 0.5.
export function parseShare(flag: string): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
      throw new InvalidArgumentError(`${flag} must be a share from 0 to 1, such as 0.5.`);
    }
    return value;
  };
}
