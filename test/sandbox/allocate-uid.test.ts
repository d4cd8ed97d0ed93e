import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allocateUid, claimUidBlock, reserveUidBlock, uidBlockRange } from '../../harness/sandbox/allocate-uid.js';
import { readStartTime } from '../../harness/sandbox/process-tree.js';
import { repoRoot } from '../helpers/cli.js';
import { findLeftovers } from '../helpers/leftovers.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'sockgrade-uid-locks-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const blockOf = (index: number): { from: number; to: number } => ({
  from: 200_000 + index * 1000,
  to: 201_000 + index * 1000,
});
// A block no live process runs under right now, so that only the lock decides the claim.
const quietBlock = (): number => {
  for (let index = 499; index >= 0; index--) if (findLeftovers({ uids: blockOf(index) }).length === 0) return index;
  throw new Error('every uid block has live processes');
};

// A node process that reserves a block through the compiled module, prints its first uid and
// its lock file, and holds them until its stdin closes.
function startHolder(env: NodeJS.ProcessEnv = {}): { child: ChildProcess; line: Promise<string> } {
  const script = `
    import { allocateUid, uidBlockRange } from ${JSON.stringify(path.join(repoRoot, 'dist', 'harness', 'sandbox', 'allocate-uid.js'))};
    const uid = allocateUid(true);
    process.stdout.write(uid + ' ' + uidBlockRange().lockFile + '\\n');
    process.stdin.resume();
    process.stdin.on('end', () => process.exit(0));
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const line = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('\n')) resolve(out.trim());
    });
    child.on('exit', (code) => reject(new Error(`the holder exited with ${code} before printing`)));
  });
  return { child, line };
}

const ended = (child: ChildProcess): Promise<void> => new Promise((resolve) => child.once('exit', () => resolve()));

describe('allocateUid', () => {
  it('gives no uid when privileges need not be dropped', () => {
    expect(allocateUid(false)).toBeUndefined();
  });

  it("gives a fresh uid per run, within this process's own block of 1000", () => {
    const uids = Array.from({ length: 5 }, () => allocateUid(true) as number);
    const range = uidBlockRange();
    expect(range).toBeDefined();
    expect(reserveUidBlock()).toBe(range);
    expect(new Set(uids).size).toBe(5);
    for (const uid of uids) {
      expect(uid).toBeGreaterThanOrEqual(range?.from as number);
      expect(uid).toBeLessThan(range?.to as number);
    }
    expect(readFileSync(range?.lockFile as string, 'utf8')).toBe(`${process.pid} ${readStartTime(process.pid)}\n`);
  });

  it('gives two sockgrade processes that start at once disjoint blocks, and frees each at exit', async () => {
    const holders = [startHolder(), startHolder()];
    try {
      const lines = await Promise.all(holders.map((h) => h.line));
      const [first, second] = lines.map((line) => line.split(' ')) as [string[], string[]];
      const [a, b] = [Number(first[0]), Number(second[0])];
      expect(Math.floor((a - 200_000) / 1000)).not.toBe(Math.floor((b - 200_000) / 1000));
      expect(a % 1000).toBe(0);
      expect(b % 1000).toBe(0);
      expect(existsSync(first[1] as string)).toBe(true);
      for (const h of holders) h.child.stdin?.end();
      await Promise.all(holders.map((h) => ended(h.child)));
      expect(existsSync(first[1] as string)).toBe(false);
      expect(existsSync(second[1] as string)).toBe(false);
    } finally {
      for (const h of holders) h.child.kill('SIGKILL');
    }
  });

  it('takes over a lock whose owner is dead or whose pid now names a later process, never a live one', () => {
    const dir = mkdtempSync(path.join(scratch, 'stale-'));
    const index = quietBlock();
    const lock = path.join(dir, `uid-block-${index}.lock`);
    const me = `${process.pid} ${readStartTime(process.pid)}\n`;
    const other = `${process.pid} x\n`; // another owner, so that this test's claims are told apart

    writeFileSync(lock, me); // a live owner
    expect(claimUidBlock(dir, index, other)).toBe('held');
    expect(readFileSync(lock, 'utf8')).toBe(me);

    writeFileSync(lock, `${process.pid} 1\n`); // this pid, but a process that started at tick 1: reused
    expect(claimUidBlock(dir, index, other)).toBe('claimed');
    expect(readFileSync(lock, 'utf8')).toBe(other);

    writeFileSync(lock, '4194304 12345\n'); // above any pid_max: long dead
    expect(claimUidBlock(dir, index, other)).toBe('claimed');
    expect(readFileSync(lock, 'utf8')).toBe(other);
  });

  it('a process that was killed leaves a lock the next one takes over', async () => {
    const dir = mkdtempSync(path.join(scratch, 'killed-'));
    const first = startHolder({ SOCKGRADE_UID_LOCK_DIR: dir });
    const [uid, lock] = (await first.line).split(' ');
    first.child.kill('SIGKILL'); // no exit handler runs: the lock stays
    await ended(first.child);
    expect(existsSync(lock as string)).toBe(true);
    const second = startHolder({ SOCKGRADE_UID_LOCK_DIR: dir });
    try {
      expect((await second.line).split(' ')[0]).toBe(uid);
    } finally {
      second.child.stdin?.end();
      await ended(second.child);
    }
  });

  it('skips a block some live process still runs under', async () => {
    const dir = mkdtempSync(path.join(scratch, 'busy-'));
    const index = quietBlock();
    const sleeper = spawn('sleep', ['30'], { uid: blockOf(index).from + 7, gid: 65534, stdio: 'ignore' });
    try {
      await new Promise((resolve) => sleeper.once('spawn', resolve));
      expect(claimUidBlock(dir, index, `${process.pid} x\n`)).toBe('busy');
      expect(existsSync(path.join(dir, `uid-block-${index}.lock`))).toBe(false);
    } finally {
      sleeper.kill('SIGKILL');
    }
  });
});
