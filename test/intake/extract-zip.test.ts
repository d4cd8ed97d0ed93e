import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractZip } from '../../harness/intake/extract-zip.js';
import { makeZip, renameEntry } from '../helpers/make-zip.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'sockgrade-extract-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let made = 0;

// Writes the zip, extracts it into a fresh folder inside a parent the test can inspect for escapes.
async function extract(zip: Buffer, limits?: { maxEntries: number; maxTotalBytes: number; maxEntryBytes: number }) {
  const parent = path.join(scratch, String(made++));
  const file = path.join(scratch, `${made}.zip`);
  writeFileSync(file, zip);
  const target = path.join(parent, 'out');
  const outcome = await extractZip(file, target, 'alice.zip', limits);
  return { outcome, target, parent };
}

// Every path under a folder, relative to it.
function listTree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('extractZip', () => {
  it('writes folders and files, private to sockgrade, and lists the zips among them', async () => {
    const { outcome, target } = await extract(
      await makeZip([
        { name: 'chat/' },
        { name: 'chat/server.py', data: 'print(1)\n' },
        { name: 'inner.zip', data: 'PK' },
      ]),
    );
    expect(outcome).toEqual({ ok: true, files: 2, bytes: 11, zips: ['inner.zip'], refused: [] });
    expect(readFileSync(path.join(target, 'chat', 'server.py'), 'utf8')).toBe('print(1)\n');
    expect(statSync(target).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(target, 'chat', 'server.py')).mode & 0o777).toBe(0o600);
  });

  it('refuses an entry that climbs out with "..", writing nothing outside', async () => {
    const zip = renameEntry(
      await makeZip([
        { name: 'ok.py', data: 'x' },
        { name: 'zz/evil.txt', data: 'owned' },
      ]),
      'zz/evil.txt',
      '../evil.txt',
    );
    const { outcome, target, parent } = await extract(zip);
    expect(outcome).toMatchObject({
      ok: true,
      files: 1,
      refused: [
        {
          entry: '../evil.txt',
          reason: 'its path climbs out with "..", so it would be written outside the extraction folder',
        },
      ],
    });
    expect(listTree(parent)).toEqual(['out', 'out/ok.py']);
    expect(listTree(target)).toEqual(['ok.py']);
  });

  it('refuses an absolute entry', async () => {
    const zip = renameEntry(await makeZip([{ name: 'tmpx/pwn.txt', data: 'owned' }]), 'tmpx/pwn.txt', '/tmp/pwn.txt');
    const { outcome } = await extract(zip);
    expect(outcome).toMatchObject({
      ok: true,
      files: 0,
      refused: [
        { entry: '/tmp/pwn.txt', reason: 'its path is absolute, so it would be written outside the extraction folder' },
      ],
    });
    expect(existsSync('/tmp/pwn.txt')).toBe(false);
  });

  it('refuses a symbolic link and never creates one', async () => {
    const zip = await makeZip([
      { name: 'secret', data: '/etc/shadow', mode: 0o120777 },
      { name: 'server.py', data: 'x' },
    ]);
    const { outcome, target } = await extract(zip);
    expect(outcome).toMatchObject({
      ok: true,
      files: 1,
      refused: [{ entry: 'secret', reason: 'it is a symbolic link; sockgrade never creates links from an archive' }],
    });
    expect(existsSync(path.join(target, 'secret'))).toBe(false);
    expect(lstatSync(path.join(target, 'server.py')).isFile()).toBe(true);
  });

  it('refuses a special file (a FIFO)', async () => {
    const { outcome } = await extract(await makeZip([{ name: 'pipe', data: '', mode: 0o010644 }]));
    expect(outcome).toMatchObject({
      ok: true,
      refused: [{ entry: 'pipe', reason: 'it is neither a regular file nor a folder' }],
    });
  });

  it('refuses a second entry of one name, keeping the first', async () => {
    const zip = renameEntry(
      await makeZip([
        { name: 'a.py', data: 'first' },
        { name: 'b.py', data: 'second' },
      ]),
      'b.py',
      'a.py',
    );
    const { outcome, target } = await extract(zip);
    expect(outcome).toMatchObject({
      ok: true,
      refused: [{ entry: 'a.py', reason: 'a second entry of the same name' }],
    });
    expect(readFileSync(path.join(target, 'a.py'), 'utf8')).toBe('first');
  });

  it('refuses a zip bomb by entry count before writing anything', async () => {
    const zip = await makeZip(Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' })));
    const { outcome, target } = await extract(zip, { maxEntries: 20, maxTotalBytes: 1e6, maxEntryBytes: 1e6 });
    expect(outcome).toEqual({
      ok: false,
      message: 'alice.zip: refused, it holds 30 entries, more than the 20 allowed (a zip bomb?)',
    });
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a zip bomb by size: 60 MB of zeros in a few kilobytes', async () => {
    const zip = await makeZip([{ name: 'bomb.bin', data: Buffer.alloc(60 * 1024 ** 2) }]);
    expect(zip.length).toBeLessThan(200_000);
    const { outcome } = await extract(zip);
    expect(outcome).toEqual({
      ok: false,
      message: 'alice.zip: refused, entry bomb.bin unpacks to more than 50 MB (a zip bomb?)',
    });
  });

  it('refuses an archive whose entries together unpack to more than allowed', async () => {
    const zip = await makeZip(
      Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.bin`, data: Buffer.alloc(1024 * 1024) })),
    );
    const { outcome } = await extract(zip, {
      maxEntries: 100,
      maxTotalBytes: 3 * 1024 * 1024,
      maxEntryBytes: 2 * 1024 * 1024,
    });
    expect(outcome).toEqual({ ok: false, message: 'alice.zip: refused, it unpacks to more than 3 MB (a zip bomb?)' });
  });

  it('counts the bytes really written: a header that understates a size is caught', async () => {
    // The 1 MB entry claims 5 bytes in both headers: its real bytes overflow the claim.
    const zip = await makeZip([{ name: 'liar.bin', data: Buffer.alloc(1024 * 1024, 7) }]);
    const claimed = Buffer.alloc(4);
    claimed.writeUInt32LE(1024 * 1024);
    const lie = Buffer.alloc(4);
    lie.writeUInt32LE(5);
    const { outcome, target } = await extract(renameEntry(zip, claimed.toString('latin1'), lie.toString('latin1')));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok)
      expect(outcome.message).toMatch(
        /^alice\.zip: entry liar\.bin could not be read \(too many bytes in the stream\. expected 5\. got at least \d+\)$/,
      );
    expect(statSyncSize(path.join(target, 'liar.bin'))).toBeLessThan(1024 * 1024);
  });

  it('names an unreadable zip', async () => {
    const { outcome } = await extract(Buffer.from('PK\x03\x04 not really a zip'));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/^alice\.zip: not a readable zip \(/);
  });

  it('shows hidden characters of an entry name as escapes in a message', async () => {
    const zip = await makeZip([{ name: 'bomb\x1b[2J.bin', data: Buffer.alloc(2048) }]);
    const { outcome } = await extract(zip, { maxEntries: 10, maxTotalBytes: 1e6, maxEntryBytes: 1024 });
    expect(outcome).toEqual({
      ok: false,
      message: 'alice.zip: refused, entry bomb\\x1b[2J.bin unpacks to more than 0 MB (a zip bomb?)',
    });
  });
});

function statSyncSize(file: string): number {
  return existsSync(file) ? statSync(file).size : 0;
}
