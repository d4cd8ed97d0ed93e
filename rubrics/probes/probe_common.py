"""What every sockgrade Python probe shares: reading the submission (never importing it) and
writing TAP 14. A probe imports it from its own folder: `from probe_common import ...`."""

import ast
import json
import os
import re
import sys
import warnings

SKIPPED_DIRS = {'__pycache__', 'node_modules', 'site-packages', '.git'}
MAX_FILES = 500
MAX_FILE_BYTES = 2_000_000
MAX_FOUND = 40


# ---- reading the submission ----

class Source:
    """One .py file: its path relative to the submission, its lines, and its tree or why there is none."""

    def __init__(self, rel, lines, tree, error):
        self.rel = rel
        self.lines = lines
        self.tree = tree
        self.error = error


def read_sources(root):
    """Every .py file under root, skipping symbolic links, hidden folders and virtual environments."""
    sources = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(
            name for name in dirnames
            if name not in SKIPPED_DIRS and not name.startswith('.')
            and not os.path.exists(os.path.join(dirpath, name, 'pyvenv.cfg'))
        )
        for name in sorted(filenames):
            if name.endswith(('.py', '.pyw')) and len(sources) < MAX_FILES:
                sources.append(read_source(root, os.path.join(dirpath, name)))
    return sources


def read_source(root, path):
    rel = os.path.relpath(path, root).replace(os.sep, '/')
    if os.path.islink(path):
        return Source(rel, [], None, rel + ': not read, it is a symbolic link')
    try:
        if os.path.getsize(path) > MAX_FILE_BYTES:
            return Source(rel, [], None, rel + ': not read, larger than 2 MB')
        with open(path, 'rb') as handle:
            data = handle.read()
    except OSError as error:
        return Source(rel, [], None, '%s: not readable (%s)' % (rel, error.strerror or error))
    lines = re.split(r'\r\n|\r|\n', data.decode('utf-8', 'replace'))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            return Source(rel, lines, ast.parse(data, filename=rel), None)
    except SyntaxError as error:
        return Source(rel, lines, None, '%s:%s: does not parse as Python 3: %s' % (rel, error.lineno or 1, error.msg))
    except (ValueError, RecursionError, MemoryError) as error:
        return Source(rel, lines, None, '%s:1: does not parse as Python 3: %s' % (rel, error))


def cite(source, lineno, note=None):
    """`path:line: code`, the code line shortened, or `path:line: note` when a note is given."""
    text = note
    if text is None:
        line = source.lines[lineno - 1] if 0 < lineno <= len(source.lines) else ''
        text = ' '.join(line.split())
        text = text if len(text) <= 100 else text[:99] + '…'
    return '%s:%d: %s' % (source.rel, lineno, text)


def capped(items):
    items = list(dict.fromkeys(items))
    if len(items) <= MAX_FOUND:
        return items
    return items[:MAX_FOUND] + ['… and %d more' % (len(items) - MAX_FOUND)]


# ---- writing TAP 14 ----

def yaml_scalar(value):
    if isinstance(value, (bool, int)):
        return json.dumps(value)
    return json.dumps(str(value))  # a JSON string is a valid YAML double-quoted scalar


def render_point(number, ok, name, diag, skip):
    lines = ['%s %d - %s%s' % ('ok' if ok else 'not ok', number, name, '' if skip is None else ' # SKIP ' + skip)]
    if diag:
        lines.append('  ---')
        for key, value in diag.items():
            if isinstance(value, list) and value:
                lines.append('  %s:' % key)
                lines.extend('    - ' + yaml_scalar(item) for item in value)
            elif isinstance(value, list):
                lines.append('  %s: []' % key)
            else:
                lines.append('  %s: %s' % (key, yaml_scalar(value)))
        lines.append('  ...')
    return lines


def render_tap(points):
    """points: (ok, name, diag, skip) tuples; skip is None or the reason of a SKIP directive."""
    lines = ['TAP version 14', '1..%d' % len(points)]
    for number, (ok, name, diag, skip) in enumerate(points, start=1):
        lines.extend(render_point(number, ok, name, diag, skip))
    return '\n'.join(lines) + '\n'


def not_read(reason):
    """A skip-all plan: the probe cannot read this submission (another language, nothing parses),
    so sockgrade leaves the criterion to the lecturer (`manual`) with this reason."""
    return 'TAP version 14\n1..0 # SKIP not read: %s\n' % ' '.join(reason.split())


def run(probe):
    root = sys.argv[1] if len(sys.argv) > 1 else '.'
    try:
        text = probe(root)
    except Exception as error:  # the probe's own fault: say so instead of printing half a report
        reason = ' '.join(('%s: %s' % (type(error).__name__, error)).split()).encode('ascii', 'backslashreplace').decode()
        text = 'TAP version 14\nBail out! the probe itself failed: %s\n' % reason
    sys.stdout.write(text)
    sys.stdout.flush()
