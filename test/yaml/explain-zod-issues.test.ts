import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../harness/yaml/format-issues.js';
import { rubricSchema } from '../../harness/rubric/schema.js';
import { stepKindOrder } from '../../harness/rubric/rubric-defaults.js';
import { validateDocument } from '../../harness/yaml/validate-document.js';
import { placeFindings } from '../../harness/yaml/yaml-issue.js';
import { parseYamlWithPositions } from '../../harness/yaml/yaml-positions.js';

const head = 'rubric: r\ntitle: t\ntransport: udp\ncriteria:\n  - id: M1\n    title: x\n    points: 1\n';

function explain(yaml: string): string[] {
  const parsed = parseYamlWithPositions(yaml, 'r.yaml');
  if (!parsed.ok) return parsed.issues.map(formatIssue);
  const validated = validateDocument(rubricSchema, parsed.value, { keyed: { noun: 'step', knownKeys: stepKindOrder } });
  return validated.ok ? [] : placeFindings(validated.findings, 'r.yaml', parsed.locate).map(formatIssue);
}

describe('schema issues explained', () => {
  it('says what was expected and found for scalars, with a suggestion for enums', () => {
    expect(explain(head.replace('udp', 'udpp').replace('points: 1', 'points:\n    mandatory: yes'))).toEqual([
      'r.yaml:3:12 transport: expected "udp" or "tcp", found "udpp"; did you mean "udp"?',
      'r.yaml:7:5 criteria[0].points: expected a number from 0 to 1000, found an empty value',
      'r.yaml:8:16 criteria[0].mandatory: expected true or false, found "yes"',
    ]);
  });

  it('points at the parent map for a missing key', () => {
    expect(explain('rubric: r\ntitle: t\ncriteria:\n  - { id: M1, title: x, points: 1, grading: manual }\n')).toEqual([
      'r.yaml:1:1 transport: missing; expected "udp" or "tcp"',
    ]);
  });

  it('points at an unknown key and suggests the key meant', () => {
    expect(explain(`${head}    steps:\n      - join: { as: alice, nmae: x }\n`)).toEqual([
      'r.yaml:9:28 criteria[0].steps[0].join.nmae: unknown key, did you mean "name"?',
    ]);
  });

  it('describes both forms of a duration when a number is wrong', () => {
    expect(explain(`${head}    timeout: 1.5\n    grading: manual\n`)).toEqual([
      'r.yaml:8:14 criteria[0].timeout: expected a whole number from 0 to 3600000 or a duration such as "1500ms", "5s" or "2m", found 1.5',
    ]);
  });

  it('bounds a duration at 1 hour, in either form, and refuses what is not finite', () => {
    const limit = 'expected a duration of at most 1 hour ("60m" or 3600000 ms)';
    expect(explain(`${head}    timeout: 60m\n    grading: manual\n`)).toEqual([]);
    expect(explain(`${head}    timeout: 3600000\n    grading: manual\n`)).toEqual([]);
    expect(explain(`${head}    timeout: 60.5m\n    grading: manual\n`)).toEqual([
      `r.yaml:8:14 criteria[0].timeout: ${limit}, found "60.5m"`,
    ]);
    expect(explain(`${head}    timeout: 2147483648\n    grading: manual\n`)).toEqual([
      `r.yaml:8:14 criteria[0].timeout: ${limit}, found 2147483648`,
    ]);
    expect(explain(`${head}    timeout: ${'9'.repeat(400)}s\n    grading: manual\n`)).toEqual([
      `r.yaml:8:14 criteria[0].timeout: ${limit}, found "${'9'.repeat(59)}…"`,
    ]);
    expect(explain(`${head}    timeout: 1e400\n    grading: manual\n`)).toEqual([
      'r.yaml:8:14 criteria[0].timeout: expected a whole number from 0 to 3600000 or a duration such as "1500ms", "5s" or "2m", found Infinity',
    ]);
  });

  it('explains a regex rule with its own words', () => {
    expect(explain(`${head}    steps:\n      - start: { actor: Server }\n`)).toEqual([
      'r.yaml:9:25 criteria[0].steps[0].start.actor: expected an actor name in lower case, such as "alice" or "server", found "Server"',
    ]);
  });

  it('says when an "any" has too few checks', () => {
    expect(explain(`${head}    steps:\n      - any:\n          - expect: { in: alice, text: x }\n`)).toEqual([
      'r.yaml:10:11 criteria[0].steps[0].any: expected a list of at least 2 items, found a list of 1 item',
    ]);
  });

  it('explains a document that is not a map', () => {
    expect(explain('- a\n- b\n')).toEqual(['r.yaml:1:1 expected a map, found a list of 2 items']);
    expect(explain('')).toEqual(['r.yaml:1:1 expected a map, found an empty value']);
  });
});
