"""What the evidence probes (GUI, accounts, cipher) share: finding identifiers, imports and strings
in the submission's code, and turning them into `path:line: code` evidence."""

import ast
import re

from probe_common import cite, capped


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
