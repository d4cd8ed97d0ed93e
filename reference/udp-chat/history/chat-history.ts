import { appendFileSync, existsSync, readFileSync } from 'node:fs';

// One chat message as stored on disk: a line of chat_history.jsonl.
export interface HistoryEntry {
  readonly time: number;
  readonly from: string;
  readonly text: string;
}

// The server's message history: loaded from a JSON-lines file at start, appended to (and
// flushed to disk) on every message, so it survives a restart or a crash.
export class ChatHistory {
  private readonly entries: HistoryEntry[] = [];

  constructor(
    private readonly file: string,
    private readonly persist: boolean,
  ) {}

  // Reads the file if it exists, skipping lines that are not valid entries; returns the count.
  load(): number {
    if (!this.persist || !existsSync(this.file)) return 0;
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      const entry = parseEntry(line);
      if (entry !== undefined) this.entries.push(entry);
    }
    return this.entries.length;
  }

  append(entry: HistoryEntry): void {
    if (!this.persist) return;
    this.entries.push(entry);
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
  }

  // The newest entries, oldest first.
  latest(count: number): readonly HistoryEntry[] {
    return this.entries.slice(-count);
  }
}

function parseEntry(line: string): HistoryEntry | undefined {
  if (line.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) return undefined;
    const { time, from, text } = value as Record<string, unknown>;
    if (typeof time !== 'number' || typeof from !== 'string' || typeof text !== 'string') return undefined;
    return { time, from, text };
  } catch {
    return undefined;
  }
}
