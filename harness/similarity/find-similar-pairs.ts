import type { SourceFile } from './collect-sources.js';
import type { Excerpt, SimilarPair } from '../model/similar-pair.js';
import { tokenizeSource } from './tokenize-source.js';
import { winnow } from './winnow.js';

// One submission's sources, named as its result is.
export interface SubmissionSources {
  readonly submission: string;
  readonly files: readonly SourceFile[];
}

// How the check decides: the share above which a pair is listed, and what code is everyone's.
export interface SimilarityOptions {
  readonly threshold: number; // 0–1 of the smaller submission's fingerprints
  readonly starter?: readonly SourceFile[]; // code handed out to everyone: never counts
}

// A fingerprint's places in one submission.
interface Place {
  readonly file: string;
  readonly firstLine: number;
  readonly lastLine: number;
}

// Fewer fingerprints than this is too little code to call two submissions alike.
const minFingerprints = 8;
const maxFragments = 6;
const maxFragmentLines = 40;

// Compares every pair of submissions by their winnowed fingerprints; lists those sharing at least
// the threshold, most similar first, with the matching fragments side by side. Code in the
// starter files, and in more than half of a class of four or more, is everyone's and never counts.
export function findSimilarPairs(submissions: readonly SubmissionSources[], options: SimilarityOptions): SimilarPair[] {
  const starter = new Set([...fingerprintsOf(options.starter ?? []).keys()]);
  const prints = submissions.map((s) => ({ submission: s.submission, files: s.files, map: fingerprintsOf(s.files) }));
  const seenIn = new Map<string, number>();
  for (const { map } of prints) for (const hash of map.keys()) seenIn.set(hash, (seenIn.get(hash) ?? 0) + 1);
  const common = (hash: string): boolean =>
    starter.has(hash) || (prints.length >= 4 && (seenIn.get(hash) ?? 0) > prints.length / 2);
  for (const p of prints) for (const hash of [...p.map.keys()]) if (common(hash)) p.map.delete(hash);

  const pairs: SimilarPair[] = [];
  for (let i = 0; i < prints.length; i++) {
    for (let j = i + 1; j < prints.length; j++) {
      const a = prints[i];
      const b = prints[j];
      if (!a || !b) continue;
      const smaller = Math.min(a.map.size, b.map.size);
      if (smaller < minFingerprints) continue;
      const shared = [...a.map.keys()].filter((hash) => b.map.has(hash));
      const score = shared.length / smaller;
      if (score < options.threshold) continue;
      pairs.push({
        a: a.submission,
        b: b.submission,
        score: Math.round(score * 100) / 100,
        fragments: matchFragments(shared, a, b),
      });
    }
  }
  return pairs.sort((x, y) => y.score - x.score || x.a.localeCompare(y.a));
}

function fingerprintsOf(files: readonly SourceFile[]): Map<string, Place[]> {
  const map = new Map<string, Place[]>();
  for (const { file, text, language } of files) {
    for (const print of winnow(tokenizeSource(text, language))) {
      map.set(print.hash, [
        ...(map.get(print.hash) ?? []),
        { file, firstLine: print.firstLine, lastLine: print.lastLine },
      ]);
    }
  }
  return map;
}

type Printed = { readonly files: readonly SourceFile[]; readonly map: Map<string, Place[]> };

// The shared fingerprints as runs of lines: consecutive matches in the same two files merge into
// one fragment; the longest few are kept, with their text.
function matchFragments(shared: readonly string[], a: Printed, b: Printed): SimilarPair['fragments'] {
  const matches = shared
    .map((hash) => ({ a: a.map.get(hash)?.[0], b: b.map.get(hash)?.[0] }))
    .filter((m): m is { a: Place; b: Place } => m.a !== undefined && m.b !== undefined)
    .sort((x, y) => x.a.file.localeCompare(y.a.file) || x.a.firstLine - y.a.firstLine);
  const merged: { a: Place; b: Place }[] = [];
  for (const match of matches) {
    const last = merged[merged.length - 1];
    const near = (x: Place, y: Place): boolean =>
      x.file === y.file && y.firstLine <= x.lastLine + 3 && y.lastLine >= x.firstLine - 3;
    if (last && near(last.a, match.a) && near(last.b, match.b)) {
      merged[merged.length - 1] = { a: span(last.a, match.a), b: span(last.b, match.b) };
    } else merged.push(match);
  }
  return merged
    .sort((x, y) => y.a.lastLine - y.a.firstLine - (x.a.lastLine - x.a.firstLine))
    .slice(0, maxFragments)
    .map((m) => ({ a: excerpt(a.files, m.a), b: excerpt(b.files, m.b) }));
}

function span(x: Place, y: Place): Place {
  return { file: x.file, firstLine: Math.min(x.firstLine, y.firstLine), lastLine: Math.max(x.lastLine, y.lastLine) };
}

function excerpt(files: readonly SourceFile[], place: Place): Excerpt {
  const lines = (files.find((f) => f.file === place.file)?.text ?? '').split('\n');
  const lastLine = Math.min(place.lastLine, place.firstLine + maxFragmentLines - 1);
  return {
    file: place.file,
    firstLine: place.firstLine,
    lastLine,
    text: lines.slice(place.firstLine - 1, lastLine).join('\n'),
  };
}
