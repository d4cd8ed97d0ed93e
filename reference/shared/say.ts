// Prints one whole line at once; stdout is synchronous for pipes and files on Linux, so a
// harness reading through a pipe sees the line as soon as it is written.
export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

// Prints a diagnostic line on stderr, which graders do not match against.
export function warn(line: string): void {
  process.stderr.write(`${line}\n`);
}

// Replaces control characters so one chat message always prints as one line.
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ');
}
