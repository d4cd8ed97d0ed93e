import { accessSync, closeSync, constants, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findUidsInUse, readStartTime } from './process-tree.js';

// Each run's programs get a uid of their own, so the per-uid process limit (RLIMIT_NPROC)
// counts only that run's processes, and runs cannot signal or read each other. A sockgrade
// process takes a block of 1000 uids that no other sockgrade process on the host holds: a lock
// file per block, created with O_EXCL, names its owner (pid and start time), so the uid sweep at
// the end of a run never reaches another batch's students. Within one process the block's uids
// are handed out in turn and wrap around after 1000 runs; by then the run that had a uid has
// ended and swept it, since at most --jobs (≤ 64) runs are alive at once.

const firstUid = 200_000;
const blockSize = 1000;
const blockCount = 500; // uids 200000–699999

// The uids one sockgrade process gives its runs: [from, to).
export interface UidBlock {
  readonly from: number;
  readonly to: number;
  readonly lockFile: string;
}

let block: UidBlock | undefined;
let next = 0;

// The next unprivileged uid for a run, or undefined when the harness is not root (the user
// namespace's own uid is then already unprivileged). Reserves this process's block on first use.
export function allocateUid(dropPrivileges: boolean): number | undefined {
  if (!dropPrivileges) return undefined;
  const { from } = reserveUidBlock();
  const uid = from + (next % blockSize);
  next++;
  return uid;
}

// Reserves this process's block of uids now (once; later calls return it), so the CLI can say
// which uids its students run under before the first run. Throws when every block is taken.
export function reserveUidBlock(): UidBlock {
  if (block) return block;
  const dir = lockDirectory();
  const owner = `${process.pid} ${readStartTime(process.pid) ?? '?'}\n`;
  for (let index = 0; index < blockCount; index++) {
    if (claimUidBlock(dir, index, owner) !== 'claimed') continue;
    const from = firstUid + index * blockSize;
    const claimed: UidBlock = { from, to: from + blockSize, lockFile: lockFileOf(dir, index) };
    block = claimed;
    process.on('exit', () => releaseLock(claimed.lockFile, owner));
    return claimed;
  }
  throw new Error(
    `every block of student uids (${firstUid}–${firstUid + blockCount * blockSize - 1}) is held by another sockgrade process or has live processes; ` +
      `wait for the other batches to end, or remove the lock files in ${dir} of processes that are gone`,
  );
}

// The block this process holds, or undefined before the first reservation.
export function uidBlockRange(): UidBlock | undefined {
  return block;
}

// Tries to take one block for the owner ("pid starttime"): a free block, or one whose lock's
// owner is gone (dead, or its pid reused by a process that started later). A block some live
// process still runs under (a batch that was killed, leaving students behind) is not used.
export function claimUidBlock(dir: string, index: number, owner: string): 'claimed' | 'held' | 'busy' {
  const lockFile = lockFileOf(dir, index);
  if (!createExclusive(lockFile, owner)) {
    if (!takeOverStale(lockFile, owner)) return 'held';
  }
  const from = firstUid + index * blockSize;
  if (findUidsInUse(from, from + blockSize).size > 0) {
    releaseLock(lockFile, owner);
    return 'busy';
  }
  return 'claimed';
}

// The folder of the lock files: /run/sockgrade (cleared at boot), or the temporary folder when
// /run cannot be written. SOCKGRADE_UID_LOCK_DIR names another (tests).
export function lockDirectory(): string {
  const chosen = process.env.SOCKGRADE_UID_LOCK_DIR;
  if (chosen) {
    mkdirSync(chosen, { recursive: true });
    return chosen;
  }
  try {
    mkdirSync('/run/sockgrade', { recursive: true, mode: 0o755 });
    accessSync('/run/sockgrade', constants.W_OK);
    return '/run/sockgrade';
  } catch {
    const fallback = path.join(tmpdir(), 'sockgrade-uid-locks');
    mkdirSync(fallback, { recursive: true, mode: 0o755 });
    return fallback;
  }
}

function lockFileOf(dir: string, index: number): string {
  return path.join(dir, `uid-block-${index}.lock`);
}

function createExclusive(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

// Replaces a stale lock with ours. One process at a time may do so (a second O_EXCL file, the
// takeover mark), so two processes that both find the lock stale cannot both end up owning it.
// A mark left by a process that died during its takeover is removed, and the block skipped.
function takeOverStale(lockFile: string, owner: string): boolean {
  if (!isStale(readOwner(lockFile))) return false;
  const mark = `${lockFile}.takeover`;
  if (!createExclusive(mark, owner)) {
    if (isStale(readOwner(mark))) unlinkQuietly(mark);
    return false;
  }
  try {
    if (!isStale(readOwner(lockFile))) return false;
    unlinkQuietly(lockFile);
    return createExclusive(lockFile, owner);
  } finally {
    unlinkQuietly(mark);
  }
}

// A lock's owner is gone when no process has its pid, or the one that has it started at
// another time. An unreadable or empty lock is one being written right now: not stale.
function isStale(content: string | undefined): boolean {
  if (content === undefined) return false;
  const [pid, started] = content.trim().split(' ');
  if (pid === undefined || !/^\d+$/.test(pid)) return false;
  const now = readStartTime(Number(pid));
  return now === undefined || now !== started;
}

function readOwner(file: string): string | undefined {
  try {
    const content = readFileSync(file, 'utf8');
    return content === '' ? undefined : content;
  } catch {
    return undefined;
  }
}

// Removes the lock only while it is still ours (synchronous: it runs in the 'exit' handler).
function releaseLock(lockFile: string, owner: string): void {
  if (readOwner(lockFile) === owner) unlinkQuietly(lockFile);
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
