// Turns a TCP byte stream into lines: bytes are kept until a "\n" arrives, so a line split
// across segments comes out whole and several lines in one segment come out one by one.
// A line longer than maxLineBytes is cut there rather than buffered without end.
export class LineSplitter {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly maxLineBytes = 64 * 1024) {}

  // The complete lines this chunk finished, without "\n" or a trailing "\r".
  push(chunk: Buffer): string[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const lines: string[] = [];
    for (;;) {
      const end = this.pending.indexOf(0x0a);
      if (end === -1) break;
      lines.push(decodeLine(this.pending.subarray(0, end)));
      this.pending = this.pending.subarray(end + 1);
    }
    while (this.pending.length > this.maxLineBytes) {
      lines.push(decodeLine(this.pending.subarray(0, this.maxLineBytes)));
      this.pending = this.pending.subarray(this.maxLineBytes);
    }
    return lines;
  }
}

function decodeLine(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
