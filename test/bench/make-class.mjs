// Makes a class of udp-chat submissions from the bundled examples, the same class for the same
// seed: mostly copies and light variants of the non-hostile examples (a header comment with a
// student's number appended to every source, as students put their name in), plus a few hostile
// ones. Each submission's expected verdicts are its example's expected.yaml, listed in
// class.json beside the folders, so a bench or a stability run can tell a changed verdict.
//
//   node test/bench/make-class.mjs DIR [--size 100] [--seed bench]
import { cpSync, lstatSync, mkdirSync, readFileSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '..', '..');
export const examplesDir = path.join(root, 'submissions', 'examples', 'udp-chat');

// How many of each example a class of 100 holds: a realistic class is mostly near-complete or
// one-defect work, a few broken hand-ins, and a handful of hostile ones.
const mixOf100 = {
  'full-marks': 20,
  'seed-style': 10,
  'c-chat': 4,
  'm1-server-silent': 4,
  'm2-no-forwarding': 4,
  'm3-ignores-typed-port': 4,
  'm4-client-deaf': 4,
  'm5-no-password-check': 4,
  'm6-duplicate-names': 4,
  'o1-no-retransmission': 4,
  'o7-file-cut-1024': 4,
  'o8-no-checksum': 4,
  'o9-history-not-replayed': 4,
  'o11-procedural': 4,
  'enc-plaintext-downlink': 4,
  'x1-crashes-above-5': 4,
  'broken-python2': 2,
  'broken-missing-server': 2,
  'hostile-fork-bomb': 2,
  'hostile-escapee': 2,
  'hostile-output-flood': 2,
  'hostile-litter': 1,
  'hostile-snoop': 1,
  'hostile-shadow-import': 1,
  'hostile-symlink-secret': 1,
};

// A small seeded generator (mulberry32 over a string hash): the class depends on the seed only.
export function seededRandom(seed) {
  let state = 0x9e3779b9;
  for (const ch of String(seed)) state = Math.imul(state ^ ch.charCodeAt(0), 0x85ebca6b) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The origins of a class of `size`, in a seeded order: the mix of 100, shuffled, cut or repeated.
export function planClass(size, seed) {
  const random = seededRandom(seed);
  const pool = Object.entries(mixOf100).flatMap(([name, count]) => Array.from({ length: count }, () => name));
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  // A small class still holds one full-marks submission first, so any cut grades the best case.
  const ordered = ['full-marks', ...pool.filter((_, i) => i !== pool.indexOf('full-marks'))];
  return Array.from({ length: size }, (_, i) => ({
    name: `s${String(i + 1).padStart(3, '0')}`,
    origin: ordered[i % ordered.length],
    variant: random() < 0.5,
  }));
}

// Writes the class into `dir` (one folder per submission and class.json); returns class.json's content.
export function makeClass(dir, { size = 100, seed = 'bench' } = {}) {
  mkdirSync(dir, { recursive: true });
  const members = planClass(size, seed).map(({ name, origin, variant }) => {
    const target = path.join(dir, name);
    // Links stay links (the hostile ones must be refused as they are); expected.yaml stays behind.
    cpSync(path.join(examplesDir, origin), target, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => path.basename(src) !== 'expected.yaml',
    });
    if (variant) signSources(target, name);
    const expected = parse(readFileSync(path.join(examplesDir, origin, 'expected.yaml'), 'utf8')).criteria;
    return { name, origin, variant, expected };
  });
  const plan = { seed, size, members };
  writeFileSync(path.join(dir, 'class.json'), `${JSON.stringify(plan, null, 2)}\n`);
  return plan;
}

// A light variant: a trailing comment naming the student in every regular source file, which
// changes the file's bytes but never what the program does.
function signSources(dir, name) {
  for (const entry of readdirSync(dir, { recursive: true })) {
    const file = path.join(dir, entry);
    if (!lstatSync(file).isFile()) continue;
    if (file.endsWith('.py')) appendFileSync(file, `\n# ${name}: NIM 2026${name.slice(1)}\n`);
    if (file.endsWith('.c') || file.endsWith('.h')) appendFileSync(file, `\n/* ${name}: NIM 2026${name.slice(1)} */\n`);
  }
}

if (process.argv[1] === import.meta.filename) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at === -1 ? fallback : args[at + 1];
  };
  const dir = args.find((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (dir === undefined) {
    process.stderr.write('usage: node test/bench/make-class.mjs DIR [--size 100] [--seed bench]\n');
    process.exit(2);
  }
  const plan = makeClass(dir, { size: Number(option('--size', '100')), seed: option('--seed', 'bench') });
  console.log(
    `wrote ${plan.members.length} submissions to ${dir} (seed ${plan.seed}); class.json lists each one's example and expected verdicts`,
  );
}
