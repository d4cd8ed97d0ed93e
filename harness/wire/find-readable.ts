// Where a text can be read in some bytes, and in which encoding: plain, UTF-16, base64 or hex.
export function findReadable(bytes: Buffer, text: string): string | undefined {
  const plain = Buffer.from(text, 'utf8');
  if (bytes.includes(plain)) return 'plain text';
  if (bytes.includes(Buffer.from(text, 'utf16le'))) return 'UTF-16LE';
  if (bytes.includes(Buffer.from(text, 'utf16le').swap16())) return 'UTF-16BE';
  const ascii = bytes.toString('latin1');
  for (const run of ascii.match(/[A-Za-z0-9+/_-]{8,}={0,2}/g) ?? []) {
    for (let skip = 0; skip < 4; skip++) {
      const chunk = run.slice(skip);
      const decoded = Buffer.from(chunk.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
      if (decoded.includes(plain)) return 'base64';
    }
  }
  for (const run of ascii.match(/[0-9a-fA-F]{8,}/g) ?? []) {
    for (let skip = 0; skip < 2; skip++) {
      const decoded = Buffer.from(run.slice(skip).slice(0, (run.length - skip) & ~1), 'hex');
      if (decoded.includes(plain)) return 'hex';
    }
  }
  return undefined;
}
