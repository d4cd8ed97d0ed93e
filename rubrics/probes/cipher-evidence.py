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
# The helpers every probe shares sit beside it.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ast  # noqa: E402
import re  # noqa: E402

from probe_common import read_sources, render_tap, run, not_read  # noqa: E402
from evidence_common import words_of, squash, dotted, Rules, gather, searched, with_unparsed, evidence_point  # noqa: E402


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
    if not sources:
        return not_read('no Python file in the submission; this probe reads Python only')
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
