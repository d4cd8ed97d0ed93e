import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../harness/yaml/format-issues.js';

describe('formatIssue', () => {
  it('writes file:line:col, the path and the message', () => {
    const issue = {
      file: 'udp-chat.yaml',
      line: 12,
      col: 7,
      path: 'criteria[0].points',
      message: 'expected a number, found "ten"',
    };
    expect(formatIssue(issue)).toBe('udp-chat.yaml:12:7 criteria[0].points: expected a number, found "ten"');
  });

  it('leaves out an empty path', () => {
    const issue = {
      file: 'a.yaml',
      line: 2,
      col: 8,
      path: '',
      message: 'invalid YAML: Nested mappings are not allowed in compact mappings',
    };
    expect(formatIssue(issue)).toBe('a.yaml:2:8 invalid YAML: Nested mappings are not allowed in compact mappings');
  });

  it('names only the file when the problem is the file itself', () => {
    expect(formatIssue({ file: 'rubrics/nope.yaml', line: 0, col: 0, path: '', message: 'no such file' })).toBe(
      'rubrics/nope.yaml: no such file',
    );
  });
});
