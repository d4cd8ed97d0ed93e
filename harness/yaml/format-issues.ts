import type { YamlIssue } from './yaml-issue.js';

// One issue as one line: udp-chat.yaml:12:7 criteria[0].points: expected a non-negative number, found "ten"
export function formatIssue(issue: YamlIssue): string {
  const place = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.col}` : `${issue.file}:`;
  const what = issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
  return `${place} ${what}`;
}
