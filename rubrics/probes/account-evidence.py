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
# The helpers every probe shares sit beside it.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ast  # noqa: E402
import re  # noqa: E402

from probe_common import read_sources, render_tap, run, not_read  # noqa: E402
from evidence_common import words_of, squash, dotted, Rules, gather, searched, with_unparsed, lines_of, cite_all, evidence_point  # noqa: E402


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
    if not sources:
        return not_read('no Python file in the submission; this probe reads Python only')
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
