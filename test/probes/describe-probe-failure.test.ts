import { describe, expect, test } from 'vitest';
import { describeProbeFailure, parseProbeOutput } from '../../harness/probes/parse-probe-output.js';
import type { ProbeReport } from '../../harness/probes/probe-report.js';

const tap = (...lines: string[]): string => `${lines.join('\n')}\n`;

describe('describeProbeFailure', () => {
  test('failed points with their message, at and found, in order', () => {
    const report = parseProbeOutput(
      tap(
        'TAP version 14',
        '1..3',
        'not ok 1 - defines a class with methods',
        '  ---',
        '  message: "no class has two or more methods with at least one that is not a __dunder__ method"',
        '  found:',
        '    - "message.py:1: class Message (2 methods: __init__, __str__)"',
        '  ...',
        'ok 2 - creates objects of its own classes',
        'not ok 3 - has a docstring',
        '  ---',
        '  at: "client.py:1"',
        '  ...',
      ),
    );
    expect(describeProbeFailure(report)).toBe(
      [
        'Failed 2 of 3 checks:',
        '  not ok 1 - defines a class with methods',
        '      no class has two or more methods with at least one that is not a __dunder__ method',
        '      found:',
        '        - message.py:1: class Message (2 methods: __init__, __str__)',
        '  not ok 3 - has a docstring',
        '      at: client.py:1',
      ].join('\n'),
    );
  });

  test("tapjs's `at` object is written as path:line:column; an empty found says nothing", () => {
    const report = parseProbeOutput(
      tap(
        '1..1',
        'not ok 1 - creates objects of its own classes',
        '  ---',
        '  message: the submission defines no class',
        '  at:',
        '    file: client.py',
        '    line: 4',
        '    column: 7',
        '  found: []',
        '  ...',
      ),
    );
    expect(describeProbeFailure(report)).toBe(
      [
        'Failed 1 of 1 check:',
        '  not ok 1 - creates objects of its own classes',
        '      the submission defines no class',
        '      at: client.py:4:7',
        '      found: nothing',
      ].join('\n'),
    );
  });

  test('a long found list is cut after ten items', () => {
    const items = Array.from({ length: 12 }, (_, index) => `    - "server.py:${index + 1}: x"`);
    const report = parseProbeOutput(tap('1..1', 'not ok 1 - long', '  ---', '  found:', ...items, '  ...'));
    const lines = describeProbeFailure(report).split('\n');
    expect(lines).toHaveLength(2 + 1 + 10 + 1);
    expect(lines.at(-2)).toBe('        - server.py:10: x');
    expect(lines.at(-1)).toBe('        … and 2 more');
  });

  test('a bail out and broken TAP are both reported', () => {
    const report = parseProbeOutput(tap('1..3', 'not ok 1 - first', 'Bail out! the probe itself failed: KeyError: x'));
    expect(describeProbeFailure(report)).toBe(
      ['Failed 1 of 1 check:', '  not ok 1 - first', 'The probe bailed out: the probe itself failed: KeyError: x'].join(
        '\n',
      ),
    );
    const mismatch = parseProbeOutput(tap('1..3', 'ok 1 - first'));
    expect(describeProbeFailure(mismatch)).toBe(
      ['Its output breaks the TAP contract:', '  - the plan announced 3 test points but the probe printed 1'].join(
        '\n',
      ),
    );
  });

  test('a probe that printed nothing usable', () => {
    expect(describeProbeFailure(parseProbeOutput('Segmentation fault\n'))).toBe(
      [
        'Its output breaks the TAP contract:',
        '  - the probe printed no TAP test point; its output began: Segmentation fault',
      ].join('\n'),
    );
  });

  test('non-string diagnostics are written as JSON', () => {
    const report: ProbeReport = {
      ok: false,
      passed: 0,
      failed: 1,
      skipped: 0,
      tests: [{ ok: false, name: 'counts', diag: { message: 3, found: { classes: 0 } } }],
      problems: [],
    };
    expect(describeProbeFailure(report)).toBe(
      ['Failed 1 of 1 check:', '  not ok 1 - counts', '      3', '      found: {"classes":0}'].join('\n'),
    );
  });

  test('a passing report says so, with its skipped points', () => {
    const report = parseProbeOutput(tap('1..3', 'ok 1 - a', 'ok 2 - b', 'ok 3 - c # SKIP nothing found'));
    expect(describeProbeFailure(report)).toBe('All 3 checks of the probe passed (1 skipped).');
    expect(describeProbeFailure(parseProbeOutput(tap('1..1', 'ok 1 - a')))).toBe("The probe's only check passed.");
  });
});
