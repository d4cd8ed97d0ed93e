#!/usr/bin/env python3
"""O2-O5 probe (evidence for a manual verdict): which cipher family does the submission use?

Reads every .py file of the submission with Python's own `ast` module (files
that do not parse, such as Python 2 code, are searched line by line as text);
it never imports or runs the student's code. Whether messages are really
encrypted on the wire is judged elsewhere (the ENC criterion); this probe only
shows the lecturer which family the code belongs to. Every point is `ok`; a
family with nothing to show carries a SKIP directive.

  1 - classical cipher (Caesar, Vigenere)
      names and strings: caesar, vigenere, rot13, substitution, playfair,
      affine, atbash, transposition; arithmetic on letters: `x % 26`,
      `ord(c) + shift`, `ord(c) - ord('a')`; `str.maketrans` tables
  2 - modern symmetric cipher (AES, RC4, ChaCha20)
      names and imports: AES, RC4/ARC4, ChaCha20, Salsa20, Blowfish, DES3,
      Fernet, key stream, KSA/PRGA, S-box (Crypto.Cipher, cryptography.hazmat,
      cryptography.fernet, pyaes); an RC4 key schedule (a `range(256)` loop
      that swaps two entries of a table); `list(range(256))` state tables;
      XOR of characters with a key
  3 - asymmetric cipher (RSA, X25519, ECDH)
      three-argument `pow(m, e, n)`; the exponent 65537; names and imports:
      rsa, public/private key, mod_inverse, egcd, totient, prime, X25519,
      Ed25519, ECDH, ECC, Diffie-Hellman, ElGamal, `asymmetric`
  4 - ratchet or group key schedule (Double Ratchet, MLS)
      names and strings: ratchet, double ratchet, X3DH, MLS, TreeKEM, HKDF,
      chain key, root key, message key, KDF chain, epoch secret
  5 - cipher families with evidence
      the families above that have evidence, or SKIP "no cipher evidence found"

Diagnostics (YAML under each point):
  message   how many lines in how many files
  kinds     what was recognised on those lines
  found     `path:line: code`, paths relative to the submission folder
  unparsed  files Python 3 could not parse, `path:line: reason`
  searched  how many files were read, when nothing was found
Names come from code (identifiers, imports, string literals), never from
comments. A name alone is weak evidence: read the cited lines.

Usage: python3 cipher-evidence.py <submission-dir>   (prints TAP 14 on stdout)
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


# ---- the O2-O5 evidence ----

FAMILIES = [
    ('classical', 'classical cipher (Caesar, Vigenere)'),
    ('symmetric', 'modern symmetric cipher (AES, RC4, ChaCha20)'),
    ('asymmetric', 'asymmetric cipher (RSA, X25519, ECDH)'),
    ('ratchet', 'ratchet or group key schedule (Double Ratchet, MLS)'),
]
NAME_WORDS = {
    'classical': {'caesar', 'caeser', 'vigenere', 'vigenère', 'rot13', 'playfair', 'atbash', 'affine',
                  'substitution', 'transposition', 'geser'},
    'symmetric': {'aes', 'rc4', 'arc4', 'chacha', 'chacha20', 'salsa20', 'blowfish', 'twofish', 'des3', '3des',
                  'fernet', 'keystream', 'ksa', 'prga', 'sbox', 'aesgcm', 'pyaes'},
    'asymmetric': {'rsa', 'elgamal', 'ecdh', 'ecc', 'x25519', 'x448', 'ed25519', 'ecdsa', 'totient', 'modinv',
                   'egcd', 'xgcd', 'prime', 'primes', 'isprime', 'keypair', 'diffie', 'hellman', 'asymmetric'},
    'ratchet': {'ratchet', 'ratchets', 'ratcheting', 'mls', 'x3dh', 'hkdf', 'treekem'},
}
NAME_SQUASHED = {
    'classical': ('caesar', 'vigen', 'shiftcipher', 'rot13'),
    'symmetric': ('keystream', 'chacha20', 'streamcipher'),
    'asymmetric': ('publickey', 'privatekey', 'pubkey', 'privkey', 'modinverse', 'modularinverse', 'extendedgcd',
                   'extendedeuclid', 'generateprime', 'diffiehellman', 'keypair'),
    'ratchet': ('doubleratchet', 'chainkey', 'rootkey', 'messagekey', 'sendingchain', 'receivingchain',
                'kdfchain', 'kdfrk', 'kdfck', 'epochsecret'),
}
STRING_RULES = [
    ('classical', 'classical cipher named in a string', re.compile(r'(?i)caesar|vigen[eè]re|rot[-_ ]?13')),
    ('symmetric', 'symmetric cipher named in a string', re.compile(r'(?i)\b(aes|rc4|arc4|chacha20|fernet)\b')),
    ('asymmetric', 'asymmetric cipher named in a string',
     re.compile(r'(?i)\brsa\b|public[ _-]?key|private[ _-]?key|\bx25519\b|\becdh\b|diffie')),
    ('ratchet', 'ratchet named in a string', re.compile(r'(?i)ratchet|\bmls\b|\bhkdf\b|\bx3dh\b')),
]
TEXT_RULES = [
    ('asymmetric', 'three-argument pow', re.compile(r'\bpow\s*\(([^(),]|\([^()]*\))+,([^(),]|\([^()]*\))+,')),
    ('classical', 'letter arithmetic (% 26)', re.compile(r'%\s*26\b')),
    ('classical', 'ord() plus or minus a shift', re.compile(r'\bord\s*\([^()]*\)\s*[-+]')),
    ('symmetric', 'range(256) loop', re.compile(r'\brange\s*\(\s*(0\s*,\s*)?256\s*\)')),
]


def cipher_names(identifier):
    words = set(words_of(identifier))
    squashed = squash(identifier)
    found = []
    for family, _ in FAMILIES:
        matched = sorted(words & NAME_WORDS[family]) or [key for key in NAME_SQUASHED[family] if key in squashed]
        if family == 'symmetric' and identifier in ('DES', 'DES3'):
            matched = matched or ['des']
        if matched:
            found.append((family, 'name ' + identifier))
    return found


def is_call_to(node, name):
    return isinstance(node, ast.Call) and dotted(node.func) == name


def is_number(node, value=None):
    return (isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool)
            and (value is None or node.value == value))


def has_ord(node):
    return any(is_call_to(child, 'ord') for child in ast.walk(node))


def is_range_256(node):
    return is_call_to(node, 'range') and any(is_number(arg, 256) for arg in node.args)


def is_swap(node):
    """`S[i], S[j] = S[j], S[i]`: two table entries exchanged."""
    if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
        return False
    target, value = node.targets[0], node.value
    if not (isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple) and len(target.elts) == len(value.elts) == 2):
        return False
    if not all(isinstance(item, ast.Subscript) for item in target.elts + value.elts):
        return False
    return same_code(target.elts[0], value.elts[1]) and same_code(target.elts[1], value.elts[0])


def same_code(left, right):
    """The same expression, whether it is read or written (ast.dump alone tells Store from Load)."""
    return ast.dump(left).replace('Store()', 'Load()') == ast.dump(right).replace('Store()', 'Load()')


def cipher_code(source):
    for node in ast.walk(source.tree):
        if isinstance(node, ast.Call):
            name = dotted(node.func)
            if name == 'pow' and len(node.args) == 3:
                yield 'asymmetric', 'three-argument pow (modular exponentiation)', node.lineno
            elif name.endswith('maketrans'):
                yield 'classical', 'str.maketrans substitution table', node.lineno
            elif name in ('list', 'bytearray') and node.args and is_range_256(node.args[0]):
                yield 'symmetric', '256-entry state table', node.lineno
        elif isinstance(node, ast.BinOp):
            if isinstance(node.op, ast.Mod) and is_number(node.right, 26):
                yield 'classical', 'letter arithmetic (% 26)', node.lineno
            elif isinstance(node.op, (ast.Add, ast.Sub)) and (is_call_to(node.left, 'ord') or is_call_to(node.right, 'ord')):
                yield 'classical', 'ord() plus or minus a shift', node.lineno
            elif isinstance(node.op, ast.BitXor) and (has_ord(node.left) or has_ord(node.right)):
                yield 'symmetric', 'XOR of characters with a key', node.lineno
        elif isinstance(node, ast.For) and is_range_256(node.iter) and any(is_swap(child) for child in ast.walk(node)):
            yield 'symmetric', 'RC4-style key schedule (range(256) loop with a swap)', node.lineno
        elif is_number(node, 65537):
            yield 'asymmetric', 'RSA public exponent 65537', node.lineno


RULES = Rules(name=cipher_names, string=STRING_RULES, tree=cipher_code, text=TEXT_RULES)


def check(root):
    sources = read_sources(root)
    hits = gather(sources, RULES)
    points = [evidence_point(title, hits.get(family), 'no evidence found', sources) for family, title in FAMILIES]
    families = [family for family, _ in FAMILIES if hits.get(family)]
    if not sources:
        summary = (True, 'cipher families with evidence', {}, 'no Python file in the submission')
    elif families:
        summary = (True, 'cipher families with evidence', {'message': ', '.join(families), 'families': families}, None)
    else:
        summary = (True, 'cipher families with evidence', with_unparsed({'searched': searched(sources)}, sources),
                   'no cipher evidence found')
    return render_tap(points + [summary])


if __name__ == '__main__':
    run(check)
