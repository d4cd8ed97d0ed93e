#!/usr/bin/env python3
"""O11 probe: is the submission written in an object-oriented style?

Reads every .py file of the submission with Python's own `ast` module; it
never imports or runs the student's code. Two TAP test points:

  1 - defines a class with methods
      passes when at least one class defined in the submission has at least
      two methods (functions written in its body), at least one of which is
      not a __dunder__ method: `__init__` + `run` counts, `__init__` +
      `__str__` alone does not.
  2 - creates objects of its own classes
      passes when some call anywhere in the submission creates an object of a
      class the submission defines: `ChatServer(...)`,
      `protocol.Message(...)`, or a name imported with `from m import C as D`.

Diagnostics (YAML under each point):
  message   what was decided, in one sentence
  found     the evidence, one `path:line: ...` per item, paths relative to
            the submission folder (classes with their methods for point 1,
            the calls for point 2)
  unparsed  files Python 3 could not parse (Python 2 code, syntax errors),
            `path:line: reason`; they were not examined
A submission with no Python file is read as TypeScript or JavaScript (.ts,
.js, .mjs), else as Java (.java), else as C++ (.cpp, .cc, .cxx, .hpp, .hh),
by pattern rather than by parsing: a class counts when its body (up to the
closing brace in the class's own column) holds at least two method
definitions besides the constructor, and an object is created by `new C(...)`
of one of its own classes (in C++ also `C name;`, `C name(...)`,
`C name{...}` and `make_unique<C>`/`make_shared<C>`). A submission in C
(.c and .h only) fails both points: C has no classes. For any other
language, or when no Python file parses as Python 3, the probe says it cannot
read the submission with a skip-all plan (`1..0 # SKIP not read: <reason>`),
and the criterion ends `manual` with that reason.

Usage: python3 oop.py <submission-dir>   (prints TAP 14 on stdout)
"""

import os
import sys

# Never import from the submission: drop the working directory from the module path.
sys.path[:] = [entry for entry in sys.path if entry not in ('', '.') and os.path.abspath(entry) != os.getcwd()]
# The helpers every probe shares sit beside it.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ast  # noqa: E402
import re  # noqa: E402

from probe_common import SKIPPED_DIRS, MAX_FILES, MAX_FILE_BYTES, read_sources, cite, capped, render_tap, run, not_read  # noqa: E402


# ---- the O11 rule ----

def is_dunder(name):
    return name.startswith('__') and name.endswith('__')


def methods_of(node):
    return [item.name for item in node.body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))]


def has_methods(node):
    methods = methods_of(node)
    return len(methods) >= 2 and any(not is_dunder(name) for name in methods)


def describe_class(source, node):
    methods = methods_of(node)
    if not methods:
        return cite(source, node.lineno, 'class %s (no method)' % node.name)
    plural = 'method' if len(methods) == 1 else 'methods'
    return cite(source, node.lineno, 'class %s (%d %s: %s)' % (node.name, len(methods), plural, ', '.join(methods)))


def class_nodes(sources):
    """Every class statement, nested ones too, in file and line order."""
    classes = [(source, node) for source in sources if source.tree is not None
               for node in ast.walk(source.tree) if isinstance(node, ast.ClassDef)]
    return sorted(classes, key=lambda item: (item[0].rel, item[1].lineno))


def own_class_names(sources, classes):
    """The names that refer to the submission's classes: their own names and `from m import C as D` aliases."""
    names = {node.name for _, node in classes}
    for source in sources:
        if source.tree is None:
            continue
        for node in ast.walk(source.tree):
            if isinstance(node, ast.ImportFrom):
                names.update(alias.asname for alias in node.names if alias.asname and alias.name in names)
    return names


def instantiations(sources, names):
    """`path:line: code` of every call of a class the submission defines, in file and line order."""
    found = []
    for source in sources:
        if source.tree is None:
            continue
        for node in ast.walk(source.tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if (isinstance(func, ast.Name) and func.id in names) or (isinstance(func, ast.Attribute) and func.attr in names):
                found.append((source.rel, node.lineno, cite(source, node.lineno)))
    return [text for _, _, text in sorted(found)]


def with_unparsed(diag, sources):
    unparsed = [source.error for source in sources if source.error is not None]
    if unparsed:
        diag['unparsed'] = capped(unparsed)
    return diag


def plural(count, singular, plural_form):
    return '%d %s' % (count, singular if count == 1 else plural_form)


def nothing_found(sources, what):
    """Why no class was found: no file parses, or the code really has none."""
    parsed = sum(1 for source in sources if source.tree is not None)
    if parsed == 0 and len(sources) == 1:
        return 'the only Python file does not parse as Python 3, so ' + what
    if parsed == 0:
        return 'none of the %d Python files parses as Python 3, so %s' % (len(sources), what)
    return 'the submission defines no class, only functions and top-level code (%d of %s parsed)' % (
        parsed, plural(len(sources), 'Python file', 'Python files'))


def check_defines(sources, classes):
    rich = [(source, node) for source, node in classes if has_methods(node)]
    if rich:
        return True, {
            'message': '%d of %s %s two or more methods' % (
                len(rich), plural(len(classes), 'class', 'classes'), 'has' if len(rich) == 1 else 'have'),
            'found': capped(describe_class(source, node) for source, node in rich),
        }
    if classes:
        return False, {
            'message': 'no class has two or more methods with at least one that is not a __dunder__ method',
            'found': capped(describe_class(source, node) for source, node in classes),
        }
    return False, {'message': nothing_found(sources, 'no class was found'), 'found': []}


def check_creates(sources, classes):
    calls = instantiations(sources, own_class_names(sources, classes))
    if calls:
        return True, {
            'message': '%s %s objects of the submission\'s own classes' % (
                plural(len(calls), 'call', 'calls'), 'creates' if len(calls) == 1 else 'create'),
            'found': capped(calls),
        }
    if classes:
        return False, {
            'message': 'no call creates an object of a class the submission defines, e.g. %s(...)' % classes[0][1].name,
            'found': capped(describe_class(source, node) for source, node in classes),
        }
    return False, {'message': nothing_found(sources, 'no object creation was found'), 'found': []}


SCRIPT_EXTENSIONS = ('.ts', '.mts', '.js', '.mjs')
JAVA_EXTENSIONS = ('.java',)
CPP_EXTENSIONS = ('.cpp', '.cc', '.cxx', '.hpp', '.hh', '.hxx')
C_EXTENSIONS = ('.c', '.h')
CLASS_LINE = re.compile(
    r'^(\s*)(?:(?:export|default|abstract|public|private|protected|static|final|sealed)\s+)*class\s+([A-Za-z_$][\w$]*)')
# A method of Java or C++: a return type, a name, an argument list, and a body or a declaration.
TYPED_METHOD_LINE = re.compile(
    r'^\s+(?:(?:public|private|protected|static|final|synchronized|abstract|virtual|inline|explicit|constexpr)\s+)*'
    r'(?:public:\s*|private:\s*|protected:\s*)?[\w:<>,\[\]*&\s]*?[\w>\]*&]\s+[*&]?([A-Za-z_]\w*)\s*\([^;{]*\)?\s*'
    r'(?:const\s*)?(?:override\s*)?(?:noexcept\s*)?(?:throws\s+[\w.,\s]+)?(?:;|\{.*)?\s*$')
METHOD_LINE = re.compile(
    r'^\s+(?:(?:public|private|protected|static|async|override|readonly|get|set)\s+)*'
    r'(#?[A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\([^;]*$')
NEW_CALL = re.compile(r'\bnew\s+([A-Za-z_$][\w$]*)\s*[(<]')
KEYWORDS = {'if', 'for', 'while', 'switch', 'catch', 'return', 'function', 'constructor', 'super'}


def read_scripts(root, extensions=SCRIPT_EXTENSIONS):
    """Every file under root with one of these extensions (TypeScript and JavaScript by default), as (relative path, lines)."""
    scripts = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(name for name in dirnames if name not in SKIPPED_DIRS and not name.startswith('.'))
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if not name.endswith(extensions) or name.endswith('.d.ts') or os.path.islink(path):
                continue
            if len(scripts) >= MAX_FILES or os.path.getsize(path) > MAX_FILE_BYTES:
                continue
            with open(path, 'rb') as handle:
                text = handle.read().decode('utf-8', 'replace')
            scripts.append((os.path.relpath(path, root).replace(os.sep, '/'), re.split(r'\r\n|\r|\n', text)))
    return scripts


def script_classes(scripts, method_line=METHOD_LINE):
    """(path, line, name, methods) of each class: methods are lines that open a method body."""
    classes = []
    for rel, lines in scripts:
        for index, line in enumerate(lines):
            match = CLASS_LINE.match(line)
            if not match:
                continue
            indent, name, methods = match.group(1), match.group(2), []
            for body in lines[index + 1:]:
                if body.startswith(indent + '}'):
                    break
                method = method_line.match(body)
                if method and method.group(1) not in KEYWORDS | {name} and body.startswith((indent + ' ', indent + '\t')):
                    methods.append(method.group(1))
            classes.append((rel, index + 1, name, methods))
    return classes


def cpp_creations(name):
    """What creates an object of class `name` in C++: new, make_unique/make_shared, or a variable of that type."""
    return re.compile(r'\bnew\s+%s\b|\bmake_(?:unique|shared)\s*<\s*%s\s*>|^\s*(?:const\s+)?%s\s+[A-Za-z_]\w*\s*[;({=]' % ((re.escape(name),) * 3))


def check_scripts(scripts, method_line=METHOD_LINE, creations=None):
    classes = script_classes(scripts, method_line)
    rich = [c for c in classes if len(c[3]) >= 2]
    defines = (bool(rich), {
        'message': '%d of %s %s two or more methods' % (len(rich), plural(len(classes), 'class', 'classes'), 'has' if len(rich) == 1 else 'have')
        if classes else 'the submission defines no class',
        'found': capped('%s:%d: class %s (%s)' % (rel, line, name, ', '.join(methods[:8])) for rel, line, name, methods in classes),
    })
    names = {name for _, _, name, _ in classes}
    calls = []
    patterns = [creations(name) for name in sorted(names)] if creations else []
    for rel, lines in scripts:
        for index, line in enumerate(lines):
            made = any(pattern.search(line) for pattern in patterns) if creations else any(
                match.group(1) in names for match in NEW_CALL.finditer(line))
            if made:
                calls.append('%s:%d: %s' % (rel, index + 1, line.strip()[:100]))
    creates = (bool(calls), {
        'message': '%s %s objects of the submission\'s own classes' % (plural(len(calls), 'call', 'calls'), 'creates' if len(calls) == 1 else 'create')
        if calls else 'no `new` creates an object of a class the submission defines',
        'found': capped(calls),
    })
    return render_tap([
        (defines[0], 'defines a class with methods', defines[1], None),
        (creates[0], 'creates objects of its own classes', creates[1], None),
    ])


def no_classes_in_c(files):
    diag = {'message': 'the submission is written in C, which has no classes', 'found': capped(rel for rel, _ in files)}
    return render_tap([
        (False, 'defines a class with methods', diag, None),
        (False, 'creates objects of its own classes', diag, None),
    ])


def check(root):
    sources = read_sources(root)
    if not sources:
        for extensions, method_line, creations in (
                (SCRIPT_EXTENSIONS, METHOD_LINE, None),
                (JAVA_EXTENSIONS, TYPED_METHOD_LINE, None),
                (CPP_EXTENSIONS, TYPED_METHOD_LINE, cpp_creations)):
            scripts = read_scripts(root, extensions)
            if scripts:
                return check_scripts(scripts, method_line, creations)
        c_files = read_scripts(root, C_EXTENSIONS)
        if c_files:
            return no_classes_in_c(c_files)
        return not_read('no Python, TypeScript, JavaScript, Java, C++ or C file in the submission; '
                        'this probe reads those only')
    if all(source.tree is None for source in sources):
        first = next(source.error for source in sources if source.error is not None)
        return not_read('%s (%s)' % (nothing_found(sources, 'the probe cannot judge its style'), first))
    classes = class_nodes(sources)
    defines_ok, defines_diag = check_defines(sources, classes)
    creates_ok, creates_diag = check_creates(sources, classes)
    return render_tap([
        (defines_ok, 'defines a class with methods', with_unparsed(defines_diag, sources), None),
        (creates_ok, 'creates objects of its own classes', with_unparsed(creates_diag, sources), None),
    ])


if __name__ == '__main__':
    run(check)
