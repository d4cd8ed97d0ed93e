import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Pair } from 'yaml';
import type { PathSegment } from './format-path.js';
import type { Locate, Position, YamlIssue } from './yaml-issue.js';

// A YAML text parsed into plain data, with a way back from a data path to the source position.
export type ParsedYaml =
  | { readonly ok: true; readonly value: unknown; readonly locate: Locate }
  | { readonly ok: false; readonly issues: readonly YamlIssue[] };

// How a document becomes data. keysAsTyped keeps map keys as written, for keys that are names:
// a student id 0123 stays "0123" rather than becoming the number 123.
export interface YamlReadOptions {
  readonly keysAsTyped?: boolean;
}

// Parses YAML keeping node positions; syntax errors become issues with file:line:col (one per place: the first is the cause).
export function parseYamlWithPositions(text: string, file: string, options: YamlReadOptions = {}): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const place = (offset: number): Position => lineCounter.linePos(offset);
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((error) => ({
      file,
      ...place(error.pos[0]),
      path: '',
      message: `invalid YAML: ${firstLine(error.message)}`,
    }));
    return {
      ok: false,
      issues: issues.filter(
        (issue, k) => issues.findIndex((other) => other.line === issue.line && other.col === issue.col) === k,
      ),
    };
  }
  try {
    const value = doc.toJS({ maxAliasCount: 100 }); // throws on an alias bomb, before any expansion of ours
    return {
      ok: true,
      value: options.keysAsTyped ? toDataKeepingKeys(doc.contents, doc) : value,
      locate: locator(doc, place),
    };
  } catch (error) {
    const message = `invalid YAML: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, issues: [{ file, line: 1, col: 1, path: '', message }] };
  }
}

// A key as written: "0123", "1.50", "yes" stay as typed.
function keyText(pair: Pair): string {
  return isScalar(pair.key) ? (pair.key.source ?? String(pair.key.value)) : String(pair.key);
}

function toDataKeepingKeys(node: unknown, doc: Document): unknown {
  if (isAlias(node)) return toDataKeepingKeys(node.resolve(doc), doc);
  if (isMap(node)) {
    const map: Record<string, unknown> = {};
    for (const pair of node.items) {
      // defineProperty: a key "__proto__" is a key like any other, not the map's prototype
      Object.defineProperty(map, keyText(pair), {
        value: toDataKeepingKeys(pair.value, doc),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return map;
  }
  if (isSeq(node)) return node.items.map((item) => toDataKeepingKeys(item, doc));
  if (isScalar(node)) return node.value;
  return node === null || node === undefined ? null : (node as { toJSON(): unknown }).toJSON();
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function locator(doc: Document, place: (offset: number) => Position): Locate {
  const at = (node: unknown): Position => {
    const range = hasRange(node) ? node.range : undefined;
    return range ? place(range[0]) : { line: 1, col: 1 };
  };
  return (path: readonly PathSegment[], want: 'value' | 'key' = 'value') => {
    let node: unknown = doc.contents;
    let key: unknown;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find(
          (item) =>
            isScalar(item.key) && (String(item.key.value) === String(segment) || keyText(item) === String(segment)),
        );
        if (!pair) return at(node);
        key = pair.key;
        node = pair.value;
        if (node === null || node === undefined) return at(key);
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        key = undefined;
        node = node.items[segment];
      } else {
        return at(node);
      }
    }
    if (want === 'key' && key !== undefined) return at(key);
    if (key !== undefined && isScalar(node) && node.value === null && isEmptyRange(node.range)) return at(key);
    return at(node);
  };
}

function hasRange(node: unknown): node is { range: [number, number, number] } {
  return typeof node === 'object' && node !== null && 'range' in node && Array.isArray(node.range);
}

function isEmptyRange(range: readonly number[] | null | undefined): boolean {
  return !range || range[0] === range[1];
}
