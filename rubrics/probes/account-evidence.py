#!/usr/bin/env python3
"""O10 probe (evidence for a manual verdict): are users authenticated with accounts?

Reads every .py file of the submission with Python's own `ast` module (files
that do not parse, such as Python 2 code, are searched line by line as text);
it never imports or runs the student's code. Every point is `ok`: the probe
gathers evidence for the lecturer, it does not judge. A point with nothing to
show carries a SKIP directive saying so.

  1 - has registration or login commands
      functions, names and strings that say register, registration,
      registrasi, sign up, login, log in, sign in, logout, daftar, masuk
      ("masukkan", enter, does not count)
  2 - hashes passwords
      hashlib, bcrypt, passlib, argon2, scrypt, crypt: imports and the lines
      that use them (hashlib is also used for checksums: read the code)
  3 - stores user accounts
      file names of users or accounts (users.json, akun.txt, accounts.db),
      database files (*.db, *.sqlite), SQL on a users table, and imports of
      sqlite3, shelve, dbm, TinyDB, SQLAlchemy, pymongo, MySQL, PostgreSQL
  4 - summary
      names the kinds of evidence found, or SKIP "no evidence of user accounts"

Diagnostics (YAML under each point):
  message   how many lines in how many files
  kinds     what was recognised
  found     `path:line: code`, paths relative to the submission folder
  unparsed  files Python 3 could not parse, `path:line: reason`
  searched  how many files were read, when nothing was found

Usage: python3 account-evidence.py <submission-dir>   (prints TAP 14 on stdout)
"""

import os
import sys

# Never import from the submission: drop the working directory from the module path.
sys.path[:] = [entry for entry in sys.path if entry not in ('', '.') and os.path.abspath(entry) != os.getcwd()]

import ast  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import warnings  # noqa: E402

SKIPPED_DIRS = {'__pycache__', 'node_modules', 'site-packages', '.git'}
MAX_FILES = 500
MAX_FILE_BYTES = 2_000_000
MAX_FOUND = 40


# ---- reading the submission (the same in every sockgrade Python probe) ----

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


# ---- writing TAP 14 (the same in every sockgrade Python probe) ----

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


def run(probe):
    root = sys.argv[1] if len(sys.argv) > 1 else '.'
    try:
        text = probe(root)
    except Exception as error:  # the probe's own fault: say so instead of printing half a report
        reason = ' '.join(('%s: %s' % (type(error).__name__, error)).split()).encode('ascii', 'backslashreplace').decode()
        text = 'TAP version 14\nBail out! the probe itself failed: %s\n' % reason
    sys.stdout.write(text)
    sys.stdout.flush()


# ---- gathering evidence (the same in every sockgrade evidence probe) ----

WORD = re.compile(r'[A-Za-z_][A-Za-z0-9_]*')
IMPORT_LINE = re.compile(r'^\s*(?:from\s+([\w.]+)\s+import\s+([\w\s,.()*]+)|import\s+([\w\s,.]+))')


def words_of(identifier):
    """snake_case and camelCase parts, lower-cased: 'generateRSAKeys' -> ['generate', 'rsa', 'keys']."""
    spaced = re.sub(r'([A-Z]+)([A-Z][a-z])', r'\1 \2', re.sub(r'([a-z0-9])([A-Z])', r'\1 \2', identifier))
    return [word.lower() for word in re.split(r'[\s_]+', spaced) if word]


def squash(identifier):
    return identifier.lower().replace('_', '')


def dotted(node):
    """`pygame.display.set_mode` for the function of a call; '' when it is not a plain dotted name (`f().g`)."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return ''
    parts.append(node.id)
    return '.'.join(reversed(parts))


def identifiers(tree):
    """(line, identifier) for names, attributes, definitions, parameters, keywords and imported modules."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            yield node.lineno, node.id
        elif isinstance(node, ast.Attribute):
            yield node.lineno, node.attr
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node.lineno, node.name
        elif isinstance(node, ast.arg):
            yield node.lineno, node.arg
        elif isinstance(node, ast.keyword) and node.arg and hasattr(node, 'lineno'):
            yield node.lineno, node.arg
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [node.module or ''] if isinstance(node, ast.ImportFrom) else []
            for name in modules + [alias.name for alias in node.names] + [alias.asname or '' for alias in node.names]:
                for part in name.split('.'):
                    if part and part != '*':
                        yield node.lineno, part


def imports(tree):
    """(line, module, imported names) for every import statement."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []
        elif isinstance(node, ast.ImportFrom):
            yield node.lineno, node.module or '', [alias.name for alias in node.names]


def strings(tree):
    """(first line, last line, text) of every string literal."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, getattr(node, 'end_lineno', None) or node.lineno, node.value


def code_lines(source):
    """The lines of a file that does not parse, without comment lines: searched as text."""
    for lineno, line in enumerate(source.lines, start=1):
        if line.strip() and not line.lstrip().startswith('#'):
            yield lineno, line


def imports_in_text(line):
    match = IMPORT_LINE.match(line)
    if not match:
        return []
    if match.group(1):
        names = [part.strip().split(' ')[0] for part in match.group(2).strip('() ').split(',')]
        return [(match.group(1), [name for name in names if name])]
    return [(part.strip().split(' ')[0], []) for part in match.group(3).split(',') if part.strip()]


class Rules:
    """What a probe looks for. Each rule answers (point, label) pairs; tree and text rules also a line."""

    def __init__(self, name=None, string=(), module=None, tree=None, text=()):
        self.name = name or (lambda identifier: [])
        self.string = string  # (point, label, regex) searched in string literals
        self.module = module or (lambda module, names: [])
        self.tree = tree or (lambda source: [])
        self.text = text  # (point, label, regex) searched in the lines of files that do not parse


def gather(sources, rules):
    """hits[point] = [(source, line, label)]; files that do not parse are searched line by line as text."""
    hits = {}

    def add(point, source, lineno, label):
        hits.setdefault(point, []).append((source, lineno, label))

    for source in sources:
        if source.tree is not None:
            for lineno, identifier in identifiers(source.tree):
                for point, label in rules.name(identifier):
                    add(point, source, lineno, label)
            for first, last, text in strings(source.tree):
                for point, label, pattern in rules.string:
                    match = pattern.search(text)
                    if match:  # in a string of several lines, cite the line that matched
                        add(point, source, min(last, first + text.count('\n', 0, match.start())), label)
            for lineno, module, names in imports(source.tree):
                for point, label in rules.module(module, names):
                    add(point, source, lineno, label)
            for point, label, lineno in rules.tree(source):
                add(point, source, lineno, label)
            continue
        for lineno, line in code_lines(source):
            for identifier in WORD.findall(line):
                for point, label in rules.name(identifier):
                    add(point, source, lineno, label)
            for point, label, pattern in list(rules.string) + list(rules.text):
                if pattern.search(line):
                    add(point, source, lineno, label)
            for module, names in imports_in_text(line):
                for point, label in rules.module(module, names):
                    add(point, source, lineno, label)
    return hits


def searched(sources):
    parsed = sum(1 for source in sources if source.tree is not None)
    files = '%d Python %s' % (len(sources), 'file' if len(sources) == 1 else 'files')
    if parsed == len(sources):
        return files + ', all parsed'
    return '%s: %d parsed as Python 3, %d searched as text' % (files, parsed, len(sources) - parsed)


def with_unparsed(diag, sources):
    unparsed = [source.error for source in sources if source.error is not None]
    if unparsed:
        diag['unparsed'] = capped(unparsed)
    return diag


def lines_of(source, node):
    """The source text of a node, all its lines."""
    end = getattr(node, 'end_lineno', None) or node.lineno
    return '\n'.join(source.lines[node.lineno - 1:end])


def cite_all(entries):
    entries = sorted(entries, key=lambda entry: (entry[0].rel, entry[1]))
    return capped(cite(source, lineno) for source, lineno, _ in entries)


def evidence_point(name, entries, none_found, sources, extra=None):
    """An always-ok point: the kinds of evidence and `path:line: code` for each line, or SKIP when none."""
    if not sources:
        return True, name, {}, 'no Python file in the submission'
    if not entries:
        return True, name, with_unparsed(dict({'searched': searched(sources)}, **(extra or {})), sources), none_found
    entries = sorted(entries, key=lambda entry: (entry[0].rel, entry[1]))
    files = len({source.rel for source, _, _ in entries})
    lines = len({(source.rel, lineno) for source, lineno, _ in entries})
    return True, name, with_unparsed(dict({
        'message': '%d %s in %d %s' % (lines, 'line' if lines == 1 else 'lines', files, 'file' if files == 1 else 'files'),
        'kinds': capped(label for _, _, label in entries),
        'found': cite_all(entries),
    }, **(extra or {})), sources), None


# ---- the O10 evidence ----

COMMAND_WORDS = {'register', 'registration', 'registrasi', 'signup', 'login', 'logon', 'signin', 'logout',
                 'daftar', 'masuk'}
COMMAND_SQUASHED = {'login', 'logout', 'signup', 'signin', 'register'}
COMMAND_TEXT = re.compile(
    r'(?i)(?<![a-z])(register|registration|registrasi|sign[ _-]?up|log[ _-]?in|sign[ _-]?in|log[ _-]?out|daftar|masuk)(?![a-z])')
PASSWORD_KDF_WORDS = {'bcrypt', 'passlib', 'argon2', 'scrypt', 'pbkdf2', 'hashpw', 'checkpw'}
PASSWORD_HASH_SQUASHED = ('hashpassword', 'passwordhash', 'hashedpassword', 'passwordhasher', 'hashpwd', 'hashpass')
HASH_MODULES = {'hashlib', 'bcrypt', 'passlib', 'argon2', 'scrypt', 'crypt'}
PASSWORD = re.compile(r'(?i)passw|passwd|pwd|passphrase|sandi|(?<![a-z])(pw|pass)(?![a-z])')
HASHING_TEXT = r'\b(hashlib|bcrypt|pbkdf2_hmac|scrypt|argon2|passlib|crypt)\b'
STORE_MODULES = {'sqlite3': 'sqlite3', 'shelve': 'shelve', 'dbm': 'dbm', 'tinydb': 'TinyDB', 'sqlalchemy': 'SQLAlchemy',
                 'pymongo': 'pymongo', 'mysql': 'MySQL', 'pymysql': 'MySQL', 'MySQLdb': 'MySQL', 'psycopg2': 'PostgreSQL',
                 'psycopg': 'PostgreSQL', 'peewee': 'peewee'}
USER_FILE = re.compile(
    r'(?i)[\w-]*(user|account|akun|pengguna|credential|member|login)[\w-]*\.(json|txt|csv|db|sqlite3?|pkl|pickle|dat|ya?ml)\b')
DATABASE_FILE = re.compile(r'(?i)[\w-]+\.(db|sqlite3?)\b')
USER_SQL = re.compile(
    r'(?i)\b(create\s+table|insert\s+into|from|update)\s+(if\s+not\s+exists\s+)?\w*(user|account|akun|pengguna|member)')


def account_names(identifier):
    words = set(words_of(identifier))
    squashed = squash(identifier)
    found = []
    command = sorted(words & COMMAND_WORDS) or ([squashed] if squashed in COMMAND_SQUASHED else [])
    if command:
        found.append(('command', command[0]))
    hashing = sorted(words & PASSWORD_KDF_WORDS) or [key for key in PASSWORD_HASH_SQUASHED if key in squashed]
    if hashing:
        found.append(('hashing', hashing[0]))
    return found


def account_modules(module, names):
    top = module.split('.')[0]
    if top in HASH_MODULES:
        return [('other-hashing', 'import ' + top)]
    if top in STORE_MODULES:
        return [('store', 'import ' + STORE_MODULES[top])]
    return []


def hashing_names(tree):
    """The names that reach a hashing module: `hashlib`, `import hashlib as h`, `from hashlib import sha256`."""
    names = set(HASH_MODULES)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.asname for alias in node.names if alias.asname and alias.name.split('.')[0] in HASH_MODULES)
        elif isinstance(node, ast.ImportFrom) and (node.module or '').split('.')[0] in HASH_MODULES:
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def function_context(tree):
    """(first line, last line, name and parameters) of every function, to see whether it handles passwords."""
    contexts = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            params = [arg.arg for arg in node.args.args + node.args.kwonlyargs + node.args.posonlyargs]
            contexts.append((node.lineno, getattr(node, 'end_lineno', None) or node.lineno, ' '.join([node.name] + params)))
    return contexts


def hashing_calls(source):
    """A call into a hashing module hashes a password when its lines or its function's name or parameters say so."""
    names = hashing_names(source.tree)
    contexts = function_context(source.tree)
    for node in ast.walk(source.tree):
        if not isinstance(node, ast.Call) or dotted(node.func).split('.')[0] not in names:
            continue
        around = [text for first, last, text in contexts if first <= node.lineno <= last]
        near_password = PASSWORD.search(lines_of(source, node)) or any(PASSWORD.search(text) for text in around)
        yield ('hashing' if near_password else 'other-hashing'), dotted(node.func) + '()', node.lineno


RULES = Rules(
    name=account_names,
    module=account_modules,
    tree=hashing_calls,
    string=[
        ('command', 'registration or login text', COMMAND_TEXT),
        ('store', 'user file name', USER_FILE),
        ('store', 'database file name', DATABASE_FILE),
        ('store', 'SQL on a users table', USER_SQL),
    ],
    text=[
        ('hashing', 'hashing next to a password', re.compile(r'(?i)^(?=.*(passw|pwd|sandi))(?=.*%s)' % HASHING_TEXT)),
        ('other-hashing', 'hashing', re.compile(r'(?i)^(?!.*(passw|pwd|sandi))(?=.*%s)' % HASHING_TEXT)),
    ],
)


def check(root):
    sources = read_sources(root)
    hits = gather(sources, RULES)
    kinds = [name for key, name in (('command', 'registration or login'), ('hashing', 'password hashing'),
                                    ('store', 'stored accounts')) if hits.get(key)]
    if not sources:
        summary = (True, 'summary', {}, 'no Python file in the submission')
    elif kinds:
        summary = (True, 'summary', {'message': 'evidence of ' + ', '.join(kinds), 'kinds': kinds}, None)
    else:
        summary = (True, 'summary', with_unparsed({'searched': searched(sources)}, sources), 'no evidence of user accounts')
    other = {'other_hashing': cite_all(hits['other-hashing'])} if hits.get('other-hashing') else {}
    return render_tap([
        evidence_point('has registration or login commands', hits.get('command'), 'no registration or login found', sources),
        evidence_point('hashes passwords', hits.get('hashing'), 'no password hashing found', sources, other),
        evidence_point('stores user accounts', hits.get('store'), 'no stored accounts found', sources),
        summary,
    ])


if __name__ == '__main__':
    run(check)
