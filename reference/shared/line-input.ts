import { createInterface } from 'node:readline';

// Standard input as a queue of lines, so a prompt can wait for exactly one answer and
// lines typed ahead of time are kept for later instead of lost.
export class LineInput {
  private readonly lines: string[] = [];
  private readonly waiters: ((line: string | undefined) => void)[] = [];
  private ended = false;

  constructor(stream: NodeJS.ReadableStream) {
    const reader = createInterface({ input: stream, crlfDelay: Infinity, terminal: false });
    reader.on('line', (line) => this.push(line));
    reader.on('close', () => this.end());
  }

  // The next line without its line ending, or undefined once input has ended.
  next(): Promise<string | undefined> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  // Prints a prompt without a newline, then waits for its answer.
  ask(prompt: string): Promise<string | undefined> {
    process.stdout.write(prompt);
    return this.next();
  }

  private push(line: string): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(line);
    else this.lines.push(line);
  }

  private end(): void {
    this.ended = true;
    for (const waiter of this.waiters.splice(0)) waiter(undefined);
  }
}
