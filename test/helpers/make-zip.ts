import { ZipFile } from 'yazl';

// One entry of a zip a test builds: a file (text or bytes), a folder (name ending in "/"), or
// any Unix mode (0o120777 makes a symbolic link whose target is the data).
export interface ZipEntry {
  readonly name: string;
  readonly data?: string | Buffer;
  readonly mode?: number;
}

// Builds a real zip in memory, with yazl, exactly as an archiver would write it.
export async function makeZip(entries: readonly ZipEntry[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const entry of entries) {
    if (entry.name.endsWith('/')) zip.addEmptyDirectory(entry.name);
    else zip.addBuffer(Buffer.from(entry.data ?? ''), entry.name, entry.mode === undefined ? {} : { mode: entry.mode });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

// Renames an entry in a built zip by rewriting its name's bytes (same length) wherever they occur:
// how a test makes the names no well-behaved archiver writes ("../x", "/etc/x").
export function renameEntry(zip: Buffer, from: string, to: string): Buffer {
  if (Buffer.byteLength(from) !== Buffer.byteLength(to))
    throw new Error('renameEntry: names must have the same length');
  const out = Buffer.from(zip);
  const needle = Buffer.from(from);
  for (let at = out.indexOf(needle); at !== -1; at = out.indexOf(needle, at + 1)) Buffer.from(to).copy(out, at);
  return out;
}
