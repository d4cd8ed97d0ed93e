import { isMap, isScalar, type Document, type Node, type Pair } from 'yaml';

// A map key as the lecturer typed it: "0123" stays "0123", not the number 123.
export function readYamlKey(pair: Pair): string {
  const key = pair.key;
  if (isScalar(key)) return key.source ?? String(key.value);
  return String(key);
}

function findPair(node: unknown, key: string): Pair | undefined {
  return isMap(node) ? node.items.find((pair) => readYamlKey(pair) === key) : undefined;
}

// Where a path of keys (as typed) starts in the text: its key or its value, else the nearest ancestor.
export function locateYamlPath(doc: Document, path: readonly string[], at: 'key' | 'value'): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const [index, key] of path.entries()) {
    const pair = findPair(node, key);
    if (pair === undefined) break;
    const keyNode = pair.key as Node | null;
    const valueNode = pair.value as Node | null;
    const last = index === path.length - 1;
    offset = (last && at === 'key' ? keyNode?.range?.[0] : (valueNode?.range?.[0] ?? keyNode?.range?.[0])) ?? offset;
    node = valueNode;
  }
  return offset;
}

// The document as plain data with keys as typed (two levels deep), for zod to check.
export function readYamlInput(doc: Document): unknown {
  const contents = doc.contents;
  if (!isMap(contents)) return contents === null ? {} : doc.toJS();
  const input: Record<string, unknown> = {};
  for (const pair of contents.items) {
    const value = pair.value;
    if (isMap(value)) {
      const criteria: Record<string, unknown> = {};
      for (const inner of value.items) criteria[readYamlKey(inner)] = (inner.value as Node | null)?.toJS(doc) ?? null;
      input[readYamlKey(pair)] = criteria;
    } else {
      input[readYamlKey(pair)] = (value as Node | null)?.toJS(doc) ?? null;
    }
  }
  return input;
}
