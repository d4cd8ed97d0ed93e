// Turns a stream of chunks into lines; flush() emits an unterminated tail such as a prompt.
export interface LineSplitter {
  push(text: string): void;
  flush(): void;
}

// Builds a splitter that calls emit once per line, without the line break.
export function createLineSplitter(emit: (line: string) => void): LineSplitter {
  let pending = '';
  return {
    push(text) {
      pending += text;
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) emit(line);
    },
    flush() {
      if (pending !== '') emit(pending);
      pending = '';
    },
  };
}
