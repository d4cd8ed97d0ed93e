import { readFile } from 'node:fs/promises';
import type { YamlIssue } from './yaml-issue.js';

// A user's file as text, or why it cannot be read (missing tells "absent" from "unreadable").
export type SourceText =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly missing: boolean; readonly issue: YamlIssue };

const reasons: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory, not a file',
  EACCES: 'permission denied',
  ENOTDIR: 'no such file (a parent is not a directory)',
};

// Reads a file named by the user; failures are results with a message, never exceptions.
export async function readSourceFile(file: string): Promise<SourceText> {
  try {
    return { ok: true, text: await readFile(file, 'utf8') };
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    const message = reasons[code] ?? `cannot be read (${error instanceof Error ? error.message : String(error)})`;
    return { ok: false, missing: code === 'ENOENT', issue: { file, line: 0, col: 0, path: '', message } };
  }
}
