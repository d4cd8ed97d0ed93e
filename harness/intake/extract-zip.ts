import { constants, mkdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { revealName } from '../model/escape-text.js';
import { describeUnsafeEntryName } from './describe-unsafe-entry-name.js';

// How much one archive may unpack to: a zip bomb is refused before it fills the disk.
export interface ZipLimits {
  readonly maxEntries: number;
  readonly maxTotalBytes: number;
  readonly maxEntryBytes: number;
}

// Generous for a class download of hundreds of submissions; a student's own zip is also held to the
// submission size limit when it is graded.
export const defaultZipLimits: ZipLimits = {
  maxEntries: 50_000,
  maxTotalBytes: 2 * 1024 ** 3,
  maxEntryBytes: 50 * 1024 ** 2,
};

// An entry left unwritten, with why (for the lecturer, and for the submission's error verdict).
export interface RefusedEntry {
  readonly entry: string; // the entry's path inside the archive, as the student named it
  readonly reason: string;
}

// What extraction wrote (files and the zips among them, relative to the target), or why the whole
// archive was refused (not a zip, too many entries, too many bytes).
export type ExtractOutcome =
  | {
      readonly ok: true;
      readonly files: number;
      readonly bytes: number;
      readonly zips: readonly string[];
      readonly refused: readonly RefusedEntry[];
    }
  | { readonly ok: false; readonly message: string };

const fileFlags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
const megabytes = (bytes: number): string => `${Math.round((bytes / 1024 ** 2) * 10) / 10} MB`;

// Unpacks a zip into a folder that must be fresh and private, entry by entry, never through the
// shell: only folders and regular files are written (links and special files are refused, never
// created), names that would leave the folder are refused, and every written byte is counted, so a
// header that lies about a size cannot get past the limits. `shownAs` names the archive in messages.
export async function extractZip(
  zipFile: string,
  target: string,
  shownAs: string,
  limits: ZipLimits = defaultZipLimits,
): Promise<ExtractOutcome> {
  const shown = revealName(shownAs);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipFile, { decodeStrings: false, validateEntrySizes: true, autoClose: true });
  } catch (error) {
    return { ok: false, message: `${shown}: not a readable zip (${describeError(error)})` };
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    return {
      ok: false,
      message: `${shown}: refused, it holds ${zip.entryCount} entries, more than the ${limits.maxEntries} allowed (a zip bomb?)`,
    };
  }
  mkdirSync(target, { recursive: true, mode: 0o700 });
  const refused: RefusedEntry[] = [];
  const zips: string[] = [];
  let files = 0;
  let bytes = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      const refuse = (reason: string): void => void refused.push({ entry: name, reason });
      const unsafe = describeUnsafeEntryName(name);
      if (unsafe) {
        refuse(unsafe);
        continue;
      }
      const kind = entryKind(entry);
      if (kind === 'link') {
        refuse('it is a symbolic link; sockgrade never creates links from an archive');
        continue;
      }
      if (kind === 'special') {
        refuse('it is neither a regular file nor a folder');
        continue;
      }
      const destination = path.join(target, name);
      if (name.endsWith('/')) {
        if (!makeFolder(destination)) refuse('a file of the same name is in the way');
        continue;
      }
      if ((entry.generalPurposeBitFlag & 0x1) !== 0) {
        refuse('it is encrypted');
        continue;
      }
      if (entry.uncompressedSize > limits.maxEntryBytes) {
        return { ok: false, message: entryTooLarge(shown, name, limits) };
      }
      if (bytes + entry.uncompressedSize > limits.maxTotalBytes) {
        return { ok: false, message: archiveTooLarge(shown, limits) };
      }
      if (!makeFolder(path.dirname(destination))) {
        refuse('a file of the same name as one of its folders is in the way');
        continue;
      }
      const counter = new ByteCounter(limits.maxEntryBytes, limits.maxTotalBytes - bytes);
      try {
        const handle = await open(destination, fileFlags, 0o600);
        try {
          await pipeline(await zip.openReadStreamPromise(entry), counter, handle.createWriteStream());
        } finally {
          await handle.close().catch(() => undefined);
        }
      } catch (error) {
        if (counter.overflow === 'entry') return { ok: false, message: entryTooLarge(shown, name, limits) };
        if (counter.overflow === 'total') return { ok: false, message: archiveTooLarge(shown, limits) };
        if (isErrno(error, 'EEXIST')) refuse('a second entry of the same name');
        else if (isErrno(error, 'ENOTDIR') || isErrno(error, 'EISDIR'))
          refuse('a folder of the same name is in the way');
        else
          return {
            ok: false,
            message: `${shown}: entry ${revealName(name)} could not be read (${describeError(error)})`,
          };
        continue;
      }
      files++;
      bytes += counter.bytes;
      if (name.toLowerCase().endsWith('.zip')) zips.push(name);
    }
  } catch (error) {
    return { ok: false, message: `${shown}: not a readable zip (${describeError(error)})` };
  } finally {
    zip.close();
  }
  return { ok: true, files, bytes, zips, refused };
}

// Passes bytes through while counting them; fails the moment an entry or the archive overflows.
class ByteCounter extends Transform {
  bytes = 0;
  overflow: 'entry' | 'total' | undefined;
  constructor(
    private readonly maxEntry: number,
    private readonly maxLeft: number,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxEntry) this.overflow = 'entry';
    else if (this.bytes > this.maxLeft) this.overflow = 'total';
    if (this.overflow) done(new Error(`more bytes than allowed (${this.overflow})`));
    else done(null, chunk);
  }
}

// The Unix file type an archiver recorded in the upper half of the external attributes (0 when the
// archiver recorded none, as DOS ones do).
function entryKind(entry: yauzl.Entry): 'plain' | 'link' | 'special' {
  const type = (entry.externalFileAttributes >>> 16) & 0o170000;
  if (type === 0 || type === 0o100000 || type === 0o040000) return 'plain';
  return type === 0o120000 ? 'link' : 'special';
}

// Creates a folder (and its parents) inside the target; false when a file already holds its place.
function makeFolder(folder: string): boolean {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    return true;
  } catch {
    return false;
  }
}

function entryTooLarge(shown: string, name: string, limits: ZipLimits): string {
  return `${shown}: refused, entry ${revealName(name)} unpacks to more than ${megabytes(limits.maxEntryBytes)} (a zip bomb?)`;
}

function archiveTooLarge(shown: string, limits: ZipLimits): string {
  return `${shown}: refused, it unpacks to more than ${megabytes(limits.maxTotalBytes)} (a zip bomb?)`;
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}

function describeError(error: unknown): string {
  return revealName(error instanceof Error ? error.message : String(error));
}
