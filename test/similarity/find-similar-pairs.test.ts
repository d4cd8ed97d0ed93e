import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectSources } from '../../harness/similarity/collect-sources.js';
import { findSimilarPairs } from '../../harness/similarity/find-similar-pairs.js';
import { tokenizeSource } from '../../harness/similarity/tokenize-source.js';
import { repoRoot } from '../helpers/cli.js';

const examples = path.join(repoRoot, 'submissions', 'examples', 'udp-chat');
const scratch = mkdtempSync(path.join(tmpdir(), 'sockgrade-similar-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// What a student does to a copied file to hide it: other names, other messages and numbers, other
// comments, other indentation and blank lines.
function disguise(source: string): string {
  const renames: Record<string, string> = {
    sock: 's',
    clients: 'peers',
    send: 'kirim',
    broadcast: 'sebar',
    addr: 'alamat',
    text: 'pesan',
    sender: 'pengirim',
    name: 'nama',
  };
  let out = source.replace(/\b[A-Za-z_]\w*\b/g, (word) => renames[word] ?? word);
  out = out
    .replace(/"[^"\n]*"/g, (literal) => `"${literal.slice(1, -1).toUpperCase()} !"`)
    .replace(/\b9999\b/g, '5005');
  out = out.replace(/#[^\n]*/g, '# diubah');
  out = out.replace(/^( +)/gm, (indent) => '\t'.repeat(indent.length / 4)).replace(/\n\n/g, '\n\n\n');
  return out;
}

function copyExample(example: string, as: string, change: (source: string) => string = (s) => s): string {
  const dir = path.join(scratch, as);
  cpSync(path.join(examples, example), dir, { recursive: true });
  for (const file of ['server.py', 'client.py'])
    writeFileSync(path.join(dir, file), change(readFileSync(path.join(dir, file), 'utf8')));
  return dir;
}

describe('findSimilarPairs', () => {
  it('gives renamed, re-commented and re-indented code the tokens of the original', () => {
    const original = readFileSync(path.join(examples, 'm2-no-forwarding', 'server.py'), 'utf8');
    const text = (source: string): string[] => tokenizeSource(source, 'python').map((t) => t.text);
    expect(disguise(original)).not.toBe(original);
    expect(text(disguise(original))).toEqual(text(original));
  });

  it('flags a renamed and reformatted copy of an example, with the matching fragments side by side', () => {
    const alice = copyExample('m2-no-forwarding', 'alice');
    const bob = copyExample('m2-no-forwarding', 'bob', disguise);
    const carol = copyExample('seed-style', 'carol');
    const pairs = findSimilarPairs(
      [alice, bob, carol].map((dir) => ({ submission: path.basename(dir), files: collectSources(dir) })),
      { threshold: 0.5 },
    );
    expect(pairs.map((p) => [p.a, p.b, p.score])).toEqual([['alice', 'bob', 1]]);
    const fragment = pairs[0]?.fragments[0];
    expect(fragment?.a.file).toBe(fragment?.b.file);
    expect(fragment?.b.text).toContain('kirim');
    expect(fragment?.a.text).toContain('send');
  });

  it('does not flag two different examples', () => {
    const pairs = findSimilarPairs(
      ['m2-no-forwarding', 'seed-style', 'broken-python2', 'c-chat'].map((example) => ({
        submission: example,
        files: collectSources(path.join(examples, example)),
      })),
      { threshold: 0.5 },
    );
    expect(pairs).toEqual([]);
  });

  it('never counts the starter code everyone was handed', () => {
    const alice = copyExample('m2-no-forwarding', 'alice-starter');
    const bob = copyExample('m2-no-forwarding', 'bob-starter', disguise);
    const starter = collectSources(alice);
    expect(
      findSimilarPairs(
        [alice, bob].map((dir) => ({ submission: path.basename(dir), files: collectSources(dir) })),
        { threshold: 0.5, starter },
      ),
    ).toEqual([]);
  });
});
