import { describe, expect, test } from 'vitest';
import { parseProbeOutput } from '../../harness/probes/parse-probe-output.js';

const tap = (...lines: string[]): string => `${lines.join('\n')}\n`;

describe('parseProbeOutput', () => {
  test('a passing probe: counts, names, SKIP reasons, diagnostics on ok points', () => {
    const report = parseProbeOutput(
      tap(
        'TAP version 14',
        '1..3',
        'ok 1 - defines a class with methods',
        '  ---',
        '  message: "1 of 1 class has two or more methods"',
        '  found:',
        '    - "server.py:4: class ChatServer (3 methods: __init__, start, broadcast)"',
        '  ...',
        'ok 2 - creates objects of its own classes',
        'ok 3 - imports a GUI toolkit # SKIP no GUI toolkit imported',
      ),
    );
    expect(report).toEqual({
      ok: true,
      passed: 2,
      failed: 0,
      skipped: 1,
      tests: [
        {
          ok: true,
          name: 'defines a class with methods',
          diag: {
            message: '1 of 1 class has two or more methods',
            found: ['server.py:4: class ChatServer (3 methods: __init__, start, broadcast)'],
          },
        },
        { ok: true, name: 'creates objects of its own classes' },
        { ok: true, name: 'imports a GUI toolkit', skip: 'no GUI toolkit imported' },
      ],
      problems: [],
    });
  });

  test('a failing point keeps its YAML diagnostics', () => {
    const report = parseProbeOutput(
      tap(
        'TAP version 14',
        '1..2',
        'ok 1 - defines a class with methods',
        'not ok 2 - creates objects of its own classes',
        '  ---',
        '  message: "no call creates an object of a class the submission defines, e.g. ChatServer(...)"',
        '  at: "server.py:4"',
        '  found:',
        '    - "server.py:4: class ChatServer (3 methods: __init__, start, broadcast)"',
        '  ...',
      ),
    );
    expect(report).toMatchObject({ ok: false, passed: 1, failed: 1, skipped: 0, problems: [] });
    expect(report.tests[1]).toEqual({
      ok: false,
      name: 'creates objects of its own classes',
      diag: {
        message: 'no call creates an object of a class the submission defines, e.g. ChatServer(...)',
        at: 'server.py:4',
        found: ['server.py:4: class ChatServer (3 methods: __init__, start, broadcast)'],
      },
    });
  });

  test('a bail out is kept with its reason and makes the report not ok, without a plan complaint', () => {
    const report = parseProbeOutput(
      tap('TAP version 14', '1..3', 'ok 1 - first', 'Bail out! cannot read the submission'),
    );
    expect(report).toEqual({
      ok: false,
      passed: 1,
      failed: 0,
      skipped: 0,
      tests: [{ ok: true, name: 'first' }],
      bailout: 'cannot read the submission',
      problems: [],
    });
  });

  test('a skip-all plan that says "not read" is kept as the reason the probe cannot read the submission', () => {
    const report = parseProbeOutput(tap('TAP version 14', '1..0 # SKIP not read: no Python file in the submission'));
    expect(report).toMatchObject({ ok: false, tests: [], problems: [], notRead: 'no Python file in the submission' });
  });

  test('a skip-all plan for any other reason is still a probe that printed no test point', () => {
    const report = parseProbeOutput(tap('TAP version 14', '1..0 # SKIP nothing here'));
    expect(report.notRead).toBeUndefined();
    expect(report.problems).toEqual(['the probe printed no TAP test point (its plan says: SKIP nothing here)']);
  });

  test('a bail out without a reason says so', () => {
    const report = parseProbeOutput(tap('TAP version 14', 'Bail out!'));
    expect(report).toMatchObject({ ok: false, bailout: 'no reason given', tests: [], problems: [] });
  });

  test('a plan that does not match the points printed', () => {
    const report = parseProbeOutput(tap('TAP version 14', '1..3', 'ok 1 - first'));
    expect(report).toMatchObject({ ok: false, passed: 1, failed: 0 });
    expect(report.problems).toEqual(['the plan announced 3 test points but the probe printed 1']);
  });

  test('points without a plan line', () => {
    const report = parseProbeOutput(tap('TAP version 14', 'ok 1 - first', 'ok 2 - second'));
    expect(report).toMatchObject({ ok: false, passed: 2, failed: 0 });
    expect(report.problems).toEqual(['the probe printed no plan line (1..N)']);
  });

  test('a point numbered twice', () => {
    const report = parseProbeOutput(tap('1..2', 'ok 1 - first', 'ok 1 - second'));
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(['test point id 1 appears multiple times (at "second")']);
  });

  test('a plan of no test at all', () => {
    const report = parseProbeOutput(tap('TAP version 14', '1..0'));
    expect(report).toEqual({
      ok: false,
      passed: 0,
      failed: 0,
      skipped: 0,
      tests: [],
      problems: ['the probe printed no TAP test point'],
    });
  });

  test('a skip-all plan still has no test point, and its reason is kept', () => {
    const report = parseProbeOutput(tap('TAP version 14', '1..0 # SKIP nothing to check'));
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(['the probe printed no TAP test point (its plan says: SKIP nothing to check)']);
  });

  test('no output at all', () => {
    expect(parseProbeOutput('')).toEqual({
      ok: false,
      passed: 0,
      failed: 0,
      skipped: 0,
      tests: [],
      problems: ['the probe printed no TAP test point'],
    });
  });

  test('garbage text, such as a crash, is quoted from its first lines', () => {
    const report = parseProbeOutput(
      tap(
        'Traceback (most recent call last):',
        '  File "probe.py", line 3, in <module>',
        '    import yaml',
        "ModuleNotFoundError: No module named 'yaml'",
      ),
    );
    expect(report).toMatchObject({ ok: false, tests: [] });
    expect(report.problems).toEqual([
      'the probe printed no TAP test point; its output began: Traceback (most recent call last): | File "probe.py", line 3, in <module> | import yaml',
    ]);
  });

  test('text around valid TAP is ignored', () => {
    const report = parseProbeOutput(tap('checking 3 files…', 'TAP version 14', '1..1', 'ok 1 - first', 'done'));
    expect(report).toMatchObject({ ok: true, passed: 1, problems: [] });
  });

  test('a not ok TODO point counts as skipped, not failed', () => {
    const report = parseProbeOutput(
      tap('TAP version 14', '1..2', 'ok 1 - first', 'not ok 2 - second # TODO not written yet'),
    );
    expect(report).toMatchObject({ ok: true, passed: 1, failed: 0, skipped: 1 });
    expect(report.tests[1]).toEqual({ ok: false, name: 'second', todo: 'not written yet' });
  });

  test('a SKIP without a reason keeps an empty reason', () => {
    const report = parseProbeOutput(tap('1..1', 'ok 1 - first # SKIP'));
    expect(report.tests).toEqual([{ ok: true, name: 'first', skip: '' }]);
  });

  test('only top-level points count: a failed subtest is one failed point', () => {
    const report = parseProbeOutput(
      tap(
        'TAP version 14',
        '1..1',
        '# Subtest: client.py',
        '    1..2',
        '    ok 1 - parses',
        '    not ok 2 - has a class',
        'not ok 1 - client.py',
      ),
    );
    expect(report).toMatchObject({ ok: false, passed: 0, failed: 1, tests: [{ ok: false, name: 'client.py' }] });
  });
});
