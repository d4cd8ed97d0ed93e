import { describe, expect, test } from 'vitest';
import { diagList, pointNamed, runOnFixture } from './run-probe.js';

const probe = 'gui-evidence.py';
const names = [
  'imports a GUI toolkit',
  'creates a window or runs a GUI event loop',
  'imports a terminal UI library',
  'summary',
];

describe('gui-evidence.py (O6, evidence only)', () => {
  test('tkinter imports, the window and its main loop, curses apart, all cited by path:line', async () => {
    const { report, stderr } = await runOnFixture(probe, 'tkinter');
    expect(stderr).toBe('');
    expect(report).toMatchObject({ ok: true, passed: 4, failed: 0, skipped: 0, problems: [] });
    expect(report.tests.map((point) => point.name)).toEqual(names);
    const imports = pointNamed(report, 'imports a GUI toolkit');
    expect(diagList(imports, 'kinds')).toEqual(['tkinter']);
    expect(diagList(imports, 'found')).toEqual([
      'client_gui.py:2: import tkinter as tk',
      'client_gui.py:3: from tkinter import messagebox',
    ]);
    expect(diagList(pointNamed(report, 'creates a window or runs a GUI event loop'), 'found')).toEqual([
      'client_gui.py:10: root = tk.Tk()',
      'client_gui.py:13: root.mainloop()',
    ]);
    expect(diagList(pointNamed(report, 'imports a terminal UI library'), 'found')).toEqual([
      'console.py:1: import curses',
    ]);
    expect(pointNamed(report, 'summary').diag).toEqual({
      message: 'GUI toolkit imported: tkinter',
      toolkits: ['tkinter'],
      files: ['client_gui.py'],
    });
  });

  test('no toolkit: every point is ok with a SKIP saying so', async () => {
    const { report } = await runOnFixture(probe, 'procedural');
    expect(report).toMatchObject({ ok: true, passed: 0, failed: 0, skipped: 4 });
    expect(report.tests.map((point) => point.skip)).toEqual([
      'no GUI toolkit imported',
      'no window or GUI event loop found',
      'no terminal UI library imported',
      'no GUI toolkit imported',
    ]);
    expect(pointNamed(report, 'summary').diag).toEqual({ searched: '1 Python file, all parsed' });
  });

  test('Python 2 files are searched as text: Tkinter is found on its line', async () => {
    const { report, stderr } = await runOnFixture(probe, 'python2');
    expect(stderr).toBe('');
    const imports = pointNamed(report, 'imports a GUI toolkit');
    expect(diagList(imports, 'kinds')).toEqual(['tkinter (Python 2)']);
    expect(diagList(imports, 'found')).toEqual(['client.py:3: import Tkinter']);
    expect(diagList(imports, 'unparsed')).toHaveLength(1);
    expect(diagList(pointNamed(report, 'creates a window or runs a GUI event loop'), 'found')).toEqual([
      'client.py:14: root = Tkinter.Tk()',
    ]);
  });

  test('a submission without Python is not read: no point, the reason for the lecturer', async () => {
    const { report } = await runOnFixture(probe, 'c-only');
    expect(report).toMatchObject({
      ok: false,
      tests: [],
      problems: [],
      notRead: 'no Python file in the submission; this probe reads Python only',
    });
  });
});
