import {
  chmodSync,
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';
import { isInside } from './is-inside.js';

// What a copy of a submission may hold: how many bytes (by apparent size, so a sparse file counts
// in full) and how many entries.
export interface CopyLimits {
  readonly maxBytes: number;
  readonly maxEntries: number;
  readonly leftOut?: ReadonlySet<string>; // names never copied, at any depth
  readonly owner?: number; // when set, regular files owned by another uid are skipped (hard links to others' files)
  readonly outsideLinks: 'refuse' | 'keep'; // a link out of the tree: the whole copy refused, or kept as a link
}

// An entry a copy left out, and why ("a FIFO", "a socket", …).
export interface SkippedEntry {
  readonly path: string; // relative to the tree
  readonly why: string;
}

// The copy, with what it skipped; or why nothing was copied.
export type CopyOutcome =
  { readonly ok: true; readonly skipped: readonly SkippedEntry[] } | { readonly ok: false; readonly message: string };

// "debug.pipe (a FIFO)": a skipped entry as messages and notes name it.
export function describeSkipped(entry: SkippedEntry): string {
  return `${entry.path} (${entry.why})`;
}

interface Entry {
  readonly relative: string;
  readonly stat: Stats;
}

const openFlags = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

// Copies a tree that a student controls without ever following a link or opening anything but a
// regular file: folders and regular files are copied, links are copied as links (one that leaves
// the tree refuses the copy, or is kept, as asked), FIFOs, sockets and devices are skipped and
// listed. Nothing is copied when the tree is over its limits.
export function copyTree(from: string, to: string, limits: CopyLimits): CopyOutcome {
  const scanned = scanTree(from, limits);
  if (!scanned.ok) return scanned;
  const skipped: SkippedEntry[] = [];
  mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const { relative, stat } of scanned.entries) {
    const source = path.join(from, relative);
    const target = path.join(to, relative);
    if (stat.isDirectory()) mkdirSync(target, { mode: 0o755 });
    else if (stat.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else if (!stat.isFile()) skipped.push({ path: relative, why: describeKind(stat) });
    else if (limits.owner !== undefined && stat.uid !== limits.owner && stat.uid !== process.getuid?.())
      skipped.push({ path: relative, why: 'a file owned by another user' });
    else if (!copyRegularFile(source, target, stat))
      skipped.push({ path: relative, why: 'changed while it was copied' });
  }
  return { ok: true, skipped };
}

// Every entry of the tree, parents first, or the reason the tree cannot be copied: a link out of
// it, or more bytes or entries than allowed. Reads names and lstat only.
function scanTree(root: string, limits: CopyLimits): { ok: true; entries: Entry[] } | { ok: false; message: string } {
  const entries: Entry[] = [];
  let bytes = 0;
  const largest: Entry[] = [];
  const walk = (relative: string): string | undefined => {
    for (const name of readdirSync(path.join(root, relative)).sort()) {
      if (limits.leftOut?.has(name)) continue;
      const entry = { relative: path.join(relative, name), stat: lstatSync(path.join(root, relative, name)) };
      entries.push(entry);
      if (entries.length > limits.maxEntries) {
        return `it holds more than ${limits.maxEntries} files and folders; remove what the program does not need (virtual environments, build output, data sets)`;
      }
      if (entry.stat.isFile()) {
        bytes += entry.stat.size;
        largest.push(entry);
      }
      if (entry.stat.isSymbolicLink() && limits.outsideLinks === 'refuse') {
        const problem = describeOutsideLink(root, entry.relative);
        if (problem) return problem;
      }
      if (entry.stat.isDirectory()) {
        const problem = walk(entry.relative);
        if (problem) return problem;
      }
    }
    return undefined;
  };
  const problem = walk('');
  if (problem) return { ok: false, message: problem };
  if (bytes > limits.maxBytes) {
    const top = largest.sort((a, b) => b.stat.size - a.stat.size).slice(0, 3);
    const named = top.map((e) => `${e.relative}: ${formatBytes(e.stat.size)}`).join(', ');
    return {
      ok: false,
      message: `it holds ${formatBytes(bytes)}, more than the limit of ${formatBytes(limits.maxBytes)} (largest: ${named}); remove large files (core dumps, data sets, virtual environments), or raise limits.submissionMb in the rubric`,
    };
  }
  return { ok: true, entries };
}

// Why a link must not be copied (its target, read as text, leaves the tree), or undefined.
function describeOutsideLink(root: string, relative: string): string | undefined {
  const target = readlinkSync(path.join(root, relative));
  const resolved = path.resolve(path.dirname(path.join(root, relative)), target);
  if (!path.isAbsolute(target) && isInside(resolved, root)) return undefined;
  return `${relative} is a symbolic link to ${target}${path.isAbsolute(target) ? '' : ` (${resolved})`}, which is outside the submission: sockgrade follows no link out of a submission; put the file itself in the folder`;
}

// Copies one regular file through a descriptor opened without following links and without
// blocking; false when what is there now is not the regular file that was scanned.
function copyRegularFile(source: string, target: string, scanned: Stats): boolean {
  let input: number;
  try {
    input = openSync(source, openFlags);
  } catch {
    return false;
  }
  try {
    const stat = fstatSync(input);
    if (!stat.isFile() || stat.ino !== scanned.ino || stat.dev !== scanned.dev) return false;
    const output = openSync(
      target,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o600,
    );
    try {
      const buffer = Buffer.allocUnsafe(1 << 16);
      let remaining = stat.size; // never more than was scanned and counted
      for (let read = readSync(input, buffer); read > 0 && remaining > 0; read = readSync(input, buffer)) {
        writeSync(output, buffer, 0, Math.min(read, remaining));
        remaining -= read;
      }
    } finally {
      closeSync(output);
    }
    chmodSync(target, (stat.mode & 0o100) !== 0 ? 0o755 : 0o644);
    return true;
  } finally {
    closeSync(input);
  }
}

function describeKind(stat: Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

// "1.2 GB", "50 MB", "12 KB", "300 bytes".
export function formatBytes(bytes: number): string {
  const units = [
    ['GB', 1024 ** 3],
    ['MB', 1024 ** 2],
    ['KB', 1024],
  ] as const;
  for (const [unit, size] of units) {
    if (bytes >= size) return `${(bytes / size).toFixed(bytes % size === 0 ? 0 : 1)} ${unit}`;
  }
  return `${bytes} bytes`;
}
