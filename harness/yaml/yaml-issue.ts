import { formatPath, type PathSegment } from './format-path.js';

// A 1-based place in a YAML file.
export interface Position {
  readonly line: number;
  readonly col: number;
}

// Finds where a document path sits in the source: the key itself, or its value (the nearest existing parent when missing).
export type Locate = (path: readonly PathSegment[], at?: 'value' | 'key') => Position;

// One problem in a user's YAML file; line and col are 0 when the problem is the file itself (missing, unreadable).
export interface YamlIssue {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly path: string;
  readonly message: string;
}

// A problem found in the parsed document, before it is given a place in the file.
export interface Finding {
  readonly path: readonly PathSegment[];
  readonly at: 'value' | 'key';
  readonly message: string;
}

// Places findings in the file, in the order they appear there, without duplicates.
export function placeFindings(findings: readonly Finding[], file: string, locate: Locate): YamlIssue[] {
  const seen = new Set<string>();
  const issues: YamlIssue[] = [];
  for (const finding of findings) {
    const { line, col } = locate(finding.path, finding.at);
    const issue = { file, line, col, path: formatPath(finding.path), message: finding.message };
    const key = `${line}:${col}:${issue.path}:${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return sortIssues(issues);
}

// Orders issues by their place in the file (stable for issues at the same place).
function sortIssues(issues: readonly YamlIssue[]): YamlIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.col - b.col);
}
