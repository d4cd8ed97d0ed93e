import { describe, expect, test } from 'vitest';
import { describeProbeFailure } from '../../harness/probes/parse-probe-output.js';
import { diagList, pointNamed, runOnFixture } from './run-probe.js';

const probe = 'oop.py';

describe('oop.py (O11)', () => {
  test('an object-oriented submission passes both points, citing classes and calls by path:line', async () => {
    const { report, stderr, exitCode } = await runOnFixture(probe, 'oop');
    expect({ stderr, exitCode }).toEqual({ stderr: '', exitCode: 0 });
    expect(report).toMatchObject({ ok: true, passed: 2, failed: 0, skipped: 0, problems: [] });
    expect(report.tests.map((point) => point.name)).toEqual([
      'defines a class with methods',
      'creates objects of its own classes',
    ]);
    const defines = pointNamed(report, 'defines a class with methods');
    expect(defines.diag?.message).toBe('1 of 2 classes has two or more methods');
    expect(diagList(defines, 'found')).toEqual([
      'server.py:4: class ChatServer (3 methods: __init__, start, broadcast)',
    ]);
    expect(diagList(pointNamed(report, 'creates objects of its own classes'), 'found')).toEqual([
      'client.py:10: message = Message("halo")',
      'server.py:20: ChatServer(9999).start()',
    ]);
  });

  test('a file with a syntax error is listed under unparsed, and the rest is still judged', async () => {
    const { report } = await runOnFixture(probe, 'oop');
    for (const point of report.tests) {
      expect(diagList(point, 'unparsed')).toEqual([
        expect.stringMatching(/^scratch\.py:1: does not parse as Python 3: \S/),
      ]);
    }
  });

  test('procedural code fails both points', async () => {
    const { report, stderr } = await runOnFixture(probe, 'procedural');
    expect(stderr).toBe('');
    expect(report).toMatchObject({ ok: false, passed: 0, failed: 2, problems: [] });
    expect(report.tests.map((point) => point.diag?.message)).toEqual([
      'the submission defines no class, only functions and top-level code (1 of 1 Python file parsed)',
      'the submission defines no class, only functions and top-level code (1 of 1 Python file parsed)',
    ]);
    expect(describeProbeFailure(report)).toBe(
      [
        'Failed 2 of 2 checks:',
        '  not ok 1 - defines a class with methods',
        '      the submission defines no class, only functions and top-level code (1 of 1 Python file parsed)',
        '      found: nothing',
        '  not ok 2 - creates objects of its own classes',
        '      the submission defines no class, only functions and top-level code (1 of 1 Python file parsed)',
        '      found: nothing',
      ].join('\n'),
    );
  });

  test('a class of __dunder__ methods only is not enough, though creating it counts', async () => {
    const { report } = await runOnFixture(probe, 'dunder-only');
    expect(report).toMatchObject({ ok: false, passed: 1, failed: 1 });
    const defines = pointNamed(report, 'defines a class with methods');
    expect(defines).toMatchObject({
      ok: false,
      diag: { message: 'no class has two or more methods with at least one that is not a __dunder__ method' },
    });
    expect(diagList(defines, 'found')).toEqual(['message.py:1: class Message (2 methods: __init__, __str__)']);
    expect(diagList(pointNamed(report, 'creates objects of its own classes'), 'found')).toEqual([
      'message.py:9: print(Message("halo"))',
    ]);
  });

  test('Python 2 code is not read: a skip-all plan with the reason, for the lecturer', async () => {
    const { report, stderr, exitCode } = await runOnFixture(probe, 'python2');
    expect({ stderr, exitCode }).toEqual({ stderr: '', exitCode: 0 });
    expect(report).toMatchObject({ ok: false, tests: [], problems: [] });
    expect(report.notRead).toBe(
      "the only Python file does not parse as Python 3, so the probe cannot judge its style (client.py:8: does not parse as Python 3: Missing parentheses in call to 'print'. Did you mean print(...)?)",
    );
  });

  test('TypeScript classes with methods, created with new, pass both points', async () => {
    const { report, stderr } = await runOnFixture(probe, 'ts-classes');
    expect(stderr).toBe('');
    expect(report).toMatchObject({ ok: true, passed: 2, failed: 0 });
    expect(diagList(pointNamed(report, 'defines a class with methods'), 'found')).toEqual([
      'chat.ts:4: class Room (add, others)',
      'chat.ts:16: class Server (start)',
    ]);
    expect(diagList(pointNamed(report, 'creates objects of its own classes'), 'found')).toEqual([
      'chat.ts:24: new Server(new Room()).start(9999);',
    ]);
  });

  test('JavaScript with functions only fails both points', async () => {
    const { report } = await runOnFixture(probe, 'js-procedural');
    expect(report).toMatchObject({ ok: false, passed: 0, failed: 2 });
    expect(report.tests.map((point) => point.diag?.message)).toEqual([
      'the submission defines no class',
      'no `new` creates an object of a class the submission defines',
    ]);
  });

  test('Java classes with methods, created with new, pass both points', async () => {
    const { report, stderr } = await runOnFixture(probe, 'java-classes');
    expect(stderr).toBe('');
    expect(report).toMatchObject({ ok: true, passed: 2, failed: 0 });
    expect(diagList(pointNamed(report, 'defines a class with methods'), 'found')).toEqual([
      'ChatServer.java:3: class ChatServer (run, handle, main)',
    ]);
    expect(diagList(pointNamed(report, 'creates objects of its own classes'), 'found')).toEqual([
      'ChatServer.java:18: new ChatServer(9999).run();',
    ]);
  });

  test('C++ classes with methods (declared or defined inline), created as a variable, pass both points', async () => {
    const { report } = await runOnFixture(probe, 'cpp-classes');
    expect(report).toMatchObject({ ok: true, passed: 2, failed: 0 });
    expect(diagList(pointNamed(report, 'defines a class with methods'), 'found')).toEqual([
      'server.cpp:2: class Room (join, has, size)',
    ]);
    expect(diagList(pointNamed(report, 'creates objects of its own classes'), 'found')).toEqual([
      'server.cpp:11: Room room;',
    ]);
  });

  test('a submission in C fails both points: C has no classes', async () => {
    const { report } = await runOnFixture(probe, 'c-only');
    expect(report).toMatchObject({ ok: false, failed: 2, problems: [] });
    expect(report.tests.map((point) => point.diag?.message)).toEqual([
      'the submission is written in C, which has no classes',
      'the submission is written in C, which has no classes',
    ]);
  });

  test('a submission in a language it does not read is not read: the criterion is for the lecturer', async () => {
    const { report } = await runOnFixture(probe, 'go-only');
    expect(report).toMatchObject({ ok: false, tests: [], problems: [] });
    expect(report.notRead).toBe(
      'no Python, TypeScript, JavaScript, Java, C++ or C file in the submission; this probe reads those only',
    );
    expect(describeProbeFailure(report)).toBe(
      'The probe cannot read the submission: no Python, TypeScript, JavaScript, Java, C++ or C file in the submission; this probe reads those only',
    );
  });
});
