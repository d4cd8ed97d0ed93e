#!/usr/bin/env python3
"""O6 probe (evidence for a manual verdict): does the application have a GUI?

Reads every .py file of the submission with Python's own `ast` module (files
that do not parse, such as Python 2 code, are searched line by line as text);
it never imports or runs the student's code. Every point is `ok`: the probe
gathers evidence for the lecturer, it does not judge. A point with nothing to
show carries a SKIP directive saying so.

  1 - imports a GUI toolkit
      import statements of tkinter (Tkinter in Python 2), customtkinter,
      ttkbootstrap, PyQt4/5/6, PySide/2/6, wxPython, Kivy, pygame, pyglet,
      Flet, Dear PyGui, PySimpleGUI, GTK (gi), Toga, pywebview, Eel, NiceGUI,
      easygui
  2 - creates a window or runs a GUI event loop
      calls such as Tk(), CTk(), Toplevel(), mainloop(), QApplication(),
      app.exec(), wx.App(), MainLoop(), pygame.display.set_mode(), ft.app(),
      start_dearpygui(), sg.Window(), webview.start(), eel.start()
  3 - imports a terminal UI library
      curses, urwid, npyscreen, textual, blessed, prompt_toolkit, asciimatics:
      a text-mode interface, not a GUI; reported apart for the lecturer
  4 - summary
      names the GUI toolkits found, or SKIP "no GUI toolkit imported"

Diagnostics (YAML under each point):
  message   how many lines in how many files
  kinds     what was recognised (toolkit or call names)
  found     `path:line: code`, paths relative to the submission folder
  unparsed  files Python 3 could not parse, `path:line: reason`
  searched  how many files were read, when nothing was found

Usage: python3 gui-evidence.py <submission-dir>   (prints TAP 14 on stdout)
"""

import os
import sys

# Never import from the submission: drop the working directory from the module path.
sys.path[:] = [entry for entry in sys.path if entry not in ('', '.') and os.path.abspath(entry) != os.getcwd()]
# The helpers every probe shares sit beside it.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ast  # noqa: E402
import re  # noqa: E402

from probe_common import read_sources, render_tap, run, not_read  # noqa: E402
from evidence_common import dotted, imports, Rules, gather, searched, with_unparsed, evidence_point  # noqa: E402


# ---- the O6 evidence ----

GUI_TOOLKITS = {
    'tkinter': 'tkinter', 'Tkinter': 'tkinter (Python 2)', 'ttk': 'tkinter', 'tkMessageBox': 'tkinter (Python 2)',
    'customtkinter': 'customtkinter', 'ttkbootstrap': 'ttkbootstrap', 'tkinterdnd2': 'tkinter',
    'PyQt4': 'PyQt4', 'PyQt5': 'PyQt5', 'PyQt6': 'PyQt6', 'PySide': 'PySide', 'PySide2': 'PySide2',
    'PySide6': 'PySide6', 'wx': 'wxPython', 'kivy': 'Kivy', 'kivymd': 'KivyMD', 'pygame': 'pygame',
    'pyglet': 'pyglet', 'flet': 'Flet', 'dearpygui': 'Dear PyGui', 'PySimpleGUI': 'PySimpleGUI',
    'FreeSimpleGUI': 'PySimpleGUI', 'gi': 'GTK (PyGObject)', 'toga': 'Toga', 'webview': 'pywebview',
    'eel': 'Eel', 'nicegui': 'NiceGUI', 'easygui': 'easygui',
}
TERMINAL_UIS = {
    'curses': 'curses', '_curses': 'curses', 'urwid': 'urwid', 'npyscreen': 'npyscreen', 'textual': 'Textual',
    'blessed': 'blessed', 'prompt_toolkit': 'prompt_toolkit', 'asciimatics': 'asciimatics',
}
QT = ('PyQt4', 'PyQt5', 'PyQt6', 'PySide', 'PySide2', 'PySide6')
WINDOW_CALLS = {'Tk', 'CTk', 'Toplevel', 'mainloop', 'QApplication', 'QMainWindow', 'MainLoop',
                'start_dearpygui', 'create_viewport', 'set_mode'}
QUALIFIED_WINDOW_CALLS = {'wx.App', 'wx.Frame', 'ft.app', 'flet.app', 'sg.Window', 'PySimpleGUI.Window',
                          'webview.create_window', 'webview.start', 'eel.start', 'toga.App', 'ui.run', 'Gtk.main'}
WINDOW_TEXT = re.compile(r'\b(Tk|CTk|Toplevel|mainloop|QApplication|QMainWindow|MainLoop|start_dearpygui|set_mode)\s*\(')


def toolkit_imports(module, names):
    top = module.split('.')[0]
    if top in GUI_TOOLKITS:
        return [('gui', GUI_TOOLKITS[top])]
    if top in TERMINAL_UIS:
        return [('terminal', TERMINAL_UIS[top])]
    return []


def window_calls(source):
    tree = source.tree
    uses_qt = any(module.split('.')[0] in QT for _, module, _ in imports(tree))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        last = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ''
        name = dotted(func) or last
        if last in WINDOW_CALLS or name in QUALIFIED_WINDOW_CALLS or any(name.endswith('.' + q) for q in QUALIFIED_WINDOW_CALLS):
            yield 'window', name + '()', node.lineno
        elif uses_qt and isinstance(node.func, ast.Attribute) and last in ('exec', 'exec_'):
            yield 'window', name + '()', node.lineno


RULES = Rules(module=toolkit_imports, tree=window_calls, text=[('window', 'window or event loop call', WINDOW_TEXT)])


def check(root):
    sources = read_sources(root)
    if not sources:
        return not_read('no Python file in the submission; this probe reads Python only')
    hits = gather(sources, RULES)
    toolkits = list(dict.fromkeys(label for _, _, label in sorted(hits.get('gui', []), key=lambda hit: (hit[0].rel, hit[1]))))
    if not sources:
        summary = (True, 'summary', {}, 'no Python file in the submission')
    elif toolkits:
        files = sorted({source.rel for source, _, _ in hits['gui']})
        summary = (True, 'summary', {'message': 'GUI toolkit imported: ' + ', '.join(toolkits), 'toolkits': toolkits,
                                     'files': files}, None)
    else:
        summary = (True, 'summary', with_unparsed({'searched': searched(sources)}, sources), 'no GUI toolkit imported')
    return render_tap([
        evidence_point('imports a GUI toolkit', hits.get('gui'), 'no GUI toolkit imported', sources),
        evidence_point('creates a window or runs a GUI event loop', hits.get('window'), 'no window or GUI event loop found', sources),
        evidence_point('imports a terminal UI library', hits.get('terminal'), 'no terminal UI library imported', sources),
        summary,
    ])


if __name__ == '__main__':
    run(check)
