// Bytes as a reader can check them: quoted text when they are printable, else their size and first bytes in hex.
export function describeBytes(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  if (bytes.length === 0) return 'empty';
  if (/^[\x20-\x7e\t\r\n]*$/.test(text))
    return `${bytes.length} B ${JSON.stringify(text.length > 60 ? `${text.slice(0, 59)}…` : text)}`;
  return `${bytes.length} B, hex ${bytes.subarray(0, 12).toString('hex')}${bytes.length > 12 ? '…' : ''}`;
}
