import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { isInside } from '../sandbox/is-inside.js';

// A file of a submission as text, or why the harness will not read it.
export type InsideText =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly missing: boolean; readonly reason: string };

// Reads a file the student controls as text; see readInside.
export function readFileInside(root: string, relative: string, maxBytes: number): InsideText {
  const read = readInside(root, relative, maxBytes);
  return read.ok ? { ok: true, text: read.bytes.toString('utf8') } : read;
}

// The bytes of a file the student controls, or undefined when it cannot or must not be read.
export function readBytesInside(root: string, relative: string, maxBytes: number): Buffer | undefined {
  const read = readInside(root, relative, maxBytes);
  return read.ok ? read.bytes : undefined;
}

// Reads a file the student controls, as root must: only a regular file whose real path stays
// inside the folder, opened without following a last link and without blocking (a FIFO), and
// at most maxBytes of it (/dev/zero, a sparse giant).
function readInside(
  root: string,
  relative: string,
  maxBytes: number,
): { ok: true; bytes: Buffer } | { ok: false; missing: boolean; reason: string } {
  let real: string;
  try {
    real = realpathSync(path.join(root, relative));
  } catch {
    return { ok: false, missing: true, reason: 'no such file' };
  }
  if (!isInside(real, realpathSync(root))) {
    return { ok: false, missing: false, reason: `is a link to ${real}, outside the submission` };
  }
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    return {
      ok: false,
      missing: false,
      reason: `cannot be read (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, missing: false, reason: 'is not a regular file' };
    if (stat.size > maxBytes)
      return { ok: false, missing: false, reason: `is ${stat.size} bytes, more than the ${maxBytes} sockgrade reads` };
    const buffer = Buffer.alloc(stat.size);
    let filled = 0;
    for (let read = 1; read > 0 && filled < stat.size; filled += read)
      read = readSync(fd, buffer, filled, stat.size - filled, null);
    return { ok: true, bytes: buffer.subarray(0, filled) };
  } finally {
    closeSync(fd);
  }
}
