import { compilePattern } from '../../harness/rubric/compile-pattern.js';

// Textual rewrites of an example that a different student might have written without changing
// what the program does (issue 11, item 5). Each either applies, with the files it changed and a
// one-line account, or says why it does not apply to this example: it never guesses.

// An example as read: its text files by path relative to the folder, and what the rubric and its
// sockgrade.yaml say about it.
export interface ExampleSource {
  readonly rubric: string;
  readonly name: string;
  readonly files: ReadonlyMap<string, string>;
  readonly serverFiles: readonly string[]; // the server's own sources (server.py, server.c)
  readonly clientFiles: readonly string[];
  readonly password: string | undefined; // the room password the server expects, if the rubric has one
  readonly serverTakesPort: boolean; // its server command passes {port}
  readonly patterns: Readonly<Record<string, string>>; // the rubric's joined/refused patterns
  readonly phrases: Readonly<Record<string, readonly string[]>>; // corpus phrasings per pattern
}

export type Applied = { readonly applies: true; readonly files: ReadonlyMap<string, string>; readonly change: string };
export type NotApplied = { readonly applies: false; readonly reason: string };
export type Outcome = Applied | NotApplied;

// One axis of difference between students; a variant takes at most one transform per axis.
export type Axis = 'prompts' | 'port' | 'password' | 'phrasing' | 'buffering' | 'bind';

export interface Transform {
  readonly name: string;
  readonly axis: Axis;
  readonly apply: (source: ExampleSource, pick: (count: number) => number) => Outcome;
}

type PromptKind = 'host' | 'port' | 'name' | 'password';

const promptPatterns: Readonly<Record<PromptKind, RegExp>> = {
  host: /(\bip(v4)?\b|host|server|alamat|\baddr(ess)?\b)/i,
  port: /\bport\b/i,
  name: /(nick|user ?name|(?<!(host|file|server)\s?)\bname\b|\bnama(?!\s+(file|berkas|host|server))|panggilan)/i,
  password: /(\bpass|sandi)/i,
};
// Most specific first: "Server port: " asks for the port, "Room password: " for the password.
const promptOrder: readonly PromptKind[] = ['password', 'port', 'name', 'host'];
const indonesianPrompts: Readonly<Record<PromptKind, string>> = {
  host: 'Masukkan alamat IP server: ',
  port: 'Masukkan port: ',
  name: 'Nama pengguna: ',
  password: 'Kata sandi: ',
};

// A prompt literal handed to input()/ask() in Python or printed alone by printf() in C, without
// placeholders or escapes, ending with a colon (and perhaps a space).
const pythonPrompt = /\b(input|ask|prompt)\(\s*(["'])([^"'\\{}\n]*:\s?)\2\s*\)/g;
const cPrompt = /\bprintf\(\s*"([^"\\%\n]*:\s?)"\s*\)/g;

function kindOf(text: string): PromptKind | undefined {
  return promptOrder.find((kind) => promptPatterns[kind].test(text));
}

// Rewrites every prompt literal of the client's files with `rewrite`; not applied when none is found.
function rewritePrompts(
  source: ExampleSource,
  rewrite: (text: string, kind: PromptKind) => string,
  what: string,
): Outcome {
  const files = new Map<string, string>();
  let count = 0;
  for (const file of source.clientFiles) {
    const text = source.files.get(file) ?? '';
    const replaced = file.endsWith('.c')
      ? text.replace(cPrompt, (whole, literal: string) => {
          const kind = kindOf(literal);
          if (!kind) return whole;
          count++;
          return `printf("${rewrite(literal, kind)}")`;
        })
      : text.replace(pythonPrompt, (whole, call: string, quote: string, literal: string) => {
          const kind = kindOf(literal);
          if (!kind) return whole;
          count++;
          return `${call}(${quote}${rewrite(literal, kind)}${quote})`;
        });
    if (replaced !== text) files.set(file, replaced);
  }
  if (count === 0)
    return {
      applies: false,
      reason: 'the client prints no prompt literal sockgrade recognises (its prompts, if any, come from elsewhere)',
    };
  return { applies: true, files, change: `${count} prompt(s) ${what}` };
}

const promptsIndonesian: Transform = {
  name: 'prompts-indonesian',
  axis: 'prompts',
  apply: (source) => {
    const outcome = rewritePrompts(source, (_text, kind) => indonesianPrompts[kind], 'in Indonesian');
    return outcome.applies && outcome.files.size === 0
      ? { applies: false, reason: 'the prompts are already in Indonesian' }
      : outcome;
  },
};

const promptsNoSpace: Transform = {
  name: 'prompts-without-trailing-space',
  axis: 'prompts',
  apply: (source) => {
    const outcome = rewritePrompts(source, (text) => text.replace(/:\s$/, ':'), 'without a trailing space');
    return outcome.applies && outcome.files.size === 0
      ? { applies: false, reason: 'no prompt ends with a space' }
      : outcome;
  },
};

const promptsNewline: Transform = {
  name: 'prompts-with-newline',
  axis: 'prompts',
  apply: (source) => rewritePrompts(source, (text) => `${text.replace(/:\s?$/, ':')}\\n`, 'ending with a newline'),
};

// The server's own port, where its sources hard-code it: a Python assignment to a *PORT* name or a
// C #define, changed to the same new number in every file (a client that hard-codes it too keeps
// talking to the server, as it did).
const portChanged: Transform = {
  name: 'port-changed',
  axis: 'port',
  apply: (source) => {
    if (source.serverTakesPort)
      return { applies: false, reason: 'the server takes its port from the command line ({port})' };
    const assignment = /^(\s*[A-Za-z_]*PORT[A-Za-z_]*\s*=\s*)(\d{4,5})(\s*(#.*)?)$/gm;
    const define = /^(#define\s+\w*PORT\w*\s+)(\d{4,5})\b/gm;
    const ports = new Set<string>();
    for (const file of source.serverFiles) {
      for (const match of (source.files.get(file) ?? '').matchAll(file.endsWith('.c') ? define : assignment))
        ports.add(match[2] ?? '');
    }
    if (ports.size !== 1)
      return {
        applies: false,
        reason:
          ports.size === 0
            ? "the server's port is not a literal in its source"
            : `the server names several ports (${[...ports].join(', ')})`,
      };
    const old = [...ports][0] ?? '';
    const next = old === '23456' ? '34567' : '23456';
    const files = new Map<string, string>();
    for (const [file, text] of source.files) {
      if (!/\.(py|c|h)$/.test(file)) continue;
      const replaced = text
        .replace(assignment, (whole, head: string, port: string, tail: string) =>
          port === old ? `${head}${next}${tail}` : whole,
        )
        .replace(define, (whole, head: string, port: string) => (port === old ? `${head}${next}` : whole));
      if (replaced !== text) files.set(file, replaced);
    }
    return { applies: true, files, change: `port ${old} → ${next}` };
  },
};

// The room password the server hard-codes, changed, and named in sockgrade.yaml as the
// assignment lets a team choose it and the rubric lets the manifest say so.
const passwordChanged: Transform = {
  name: 'password-changed',
  axis: 'password',
  apply: (source) => {
    const password = source.password;
    if (password === undefined || password === '') return { applies: false, reason: 'the rubric has no room password' };
    const next = 'kopi-susu-42';
    const escaped = password.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const assignment = new RegExp(
      `^(\\s*[A-Za-z_]*(?:PASS|SANDI|pass|sandi)[A-Za-z_]*\\s*=\\s*)(["'])${escaped}\\2`,
      'gm',
    );
    const define = new RegExp(`^(#define\\s+\\w*PASS\\w*\\s+)"${escaped}"`, 'gm');
    const files = new Map<string, string>();
    for (const file of source.serverFiles) {
      const text = source.files.get(file) ?? '';
      const replaced = text
        .replace(assignment, (_w, head: string, quote: string) => `${head}${quote}${next}${quote}`)
        .replace(define, (_w, head: string) => `${head}"${next}"`);
      if (replaced !== text) files.set(file, replaced);
    }
    if (files.size === 0)
      return {
        applies: false,
        reason: `the server does not hard-code the password "${password}" in a *PASS*/*SANDI* assignment`,
      };
    const quoted = new RegExp(`["']${escaped}["']`);
    if (source.clientFiles.some((file) => quoted.test(source.files.get(file) ?? ''))) {
      return { applies: false, reason: 'the client hard-codes the password too' };
    }
    const manifest = source.files.get('sockgrade.yaml') ?? '';
    const line = `password: ${next}`;
    files.set(
      'sockgrade.yaml',
      /^password:.*$/m.test(manifest)
        ? manifest.replace(/^password:.*$/m, line)
        : `${manifest}${manifest === '' || manifest.endsWith('\n') ? '' : '\n'}${line}\n`,
    );
    return { applies: true, files, change: `password "${password}" → "${next}" (named in sockgrade.yaml)` };
  },
};

// A client's own announcement, printed as one literal, said in another phrasing from the pattern
// corpora: what matters is that it still says "joined" (or "refused"), not how.
const phrasingFromCorpora: Transform = {
  name: 'phrasing-from-corpora',
  axis: 'phrasing',
  apply: (source, pick) => {
    const joined = compilePattern(source.patterns['joined'] ?? '(?i)joined');
    const refused = compilePattern(source.patterns['refused'] ?? '(?i)refused');
    const safe = (phrase: string) => !/["'\\{}]/.test(phrase);
    const choices = {
      joined: (source.phrases['joined'] ?? []).filter((p) => safe(p) && joined.test(p) && !refused.test(p)),
      refused: (source.phrases['refused'] ?? []).filter((p) => safe(p) && refused.test(p) && !joined.test(p)),
    };
    const printCall = /\bprint\(\s*(f?)(["'])((?:(?!\2)[^\\\n])*)\2\s*\)/g;
    const files = new Map<string, string>();
    const changes: string[] = [];
    for (const file of source.clientFiles.filter((f) => f.endsWith('.py'))) {
      const text = source.files.get(file) ?? '';
      const replaced = text.replace(printCall, (whole, _f: string, quote: string, literal: string) => {
        const kind =
          joined.test(literal) && !refused.test(literal)
            ? 'joined'
            : refused.test(literal) && !joined.test(literal)
              ? 'refused'
              : undefined;
        const options = kind ? choices[kind] : [];
        if (!kind || options.length === 0) return whole;
        const phrase = options[pick(options.length)] ?? '';
        changes.push(`"${literal.slice(0, 30)}" → "${phrase}"`);
        return `print(${quote}${phrase}${quote})`;
      });
      if (replaced !== text) files.set(file, replaced);
    }
    if (changes.length === 0)
      return { applies: false, reason: 'no joined or refused message is printed as one Python literal by the client' };
    return { applies: true, files, change: changes.join('; ') };
  },
};

// Python entry files (server.py, client.py), where a line can be put before everything else.
function entryFiles(source: ExampleSource): string[] {
  return [...source.serverFiles, ...source.clientFiles].filter((file) => /^(server|client)\.py$/.test(file));
}

function prependPython(source: ExampleSource, lines: string, change: string): Outcome {
  const files = new Map<string, string>();
  for (const file of entryFiles(source)) {
    const text = source.files.get(file) ?? '';
    if (/^from __future__ import/m.test(text))
      return { applies: false, reason: `${file} has a from __future__ import, which must come first` };
    const head = /^(#![^\n]*\n)?(#[^\n]*coding[:=][^\n]*\n)?/.exec(text)?.[0] ?? '';
    files.set(file, `${head}${lines}${text.slice(head.length)}`);
  }
  if (files.size === 0) return { applies: false, reason: 'no server.py or client.py' };
  return { applies: true, files, change };
}

// C: one setvbuf() call at the top of each main(); it overrides the harness's `stdbuf -o0`.
function setvbufC(source: ExampleSource, mode: '_IONBF' | '_IOLBF', change: string): Outcome {
  const files = new Map<string, string>();
  for (const file of [...source.serverFiles, ...source.clientFiles].filter((f) => f.endsWith('.c'))) {
    const text = source.files.get(file) ?? '';
    const replaced = text.replace(/^(int\s+main\s*\([^)]*\)\s*\{)/m, `$1\n    setvbuf(stdout, NULL, ${mode}, 0);`);
    if (replaced !== text) files.set(file, replaced);
  }
  if (files.size === 0) return { applies: false, reason: 'neither Python entry files nor a main() in C sources' };
  return { applies: true, files, change };
}

const stdoutLineBuffered: Transform = {
  name: 'stdout-line-buffered',
  axis: 'buffering',
  apply: (source) =>
    source.files.has('server.py') || source.files.has('client.py')
      ? prependPython(
          source,
          'import sys\nsys.stdout.reconfigure(line_buffering=True)\n',
          'stdout line-buffered, as at a terminal',
        )
      : setvbufC(source, '_IOLBF', 'stdout line-buffered with setvbuf() in each main(), as at a terminal'),
};

const stdoutUnbuffered: Transform = {
  name: 'stdout-unbuffered',
  axis: 'buffering',
  apply: (source) =>
    source.files.has('server.py') || source.files.has('client.py')
      ? prependPython(source, 'import sys\nsys.stdout.reconfigure(write_through=True)\n', 'stdout written through')
      : setvbufC(source, '_IONBF', 'stdout unbuffered with setvbuf() in each main()'),
};

type BindKind = 'all' | 'loopback' | 'hostname';

const bindTargets: Readonly<Record<BindKind, string>> = {
  all: '"0.0.0.0"',
  loopback: '"127.0.0.1"',
  hostname: 'socket.gethostbyname(socket.gethostname())',
};

function bindKindOf(expression: string): BindKind | undefined {
  const value = expression.trim();
  if (/^(["'])(0\.0\.0\.0)?\1$/.test(value)) return 'all';
  if (/^(["'])(127\.0\.0\.1|localhost)\1$/.test(value)) return 'loopback';
  if (/^socket\.gethostbyname\(\s*socket\.gethostname\(\)\s*\)$/.test(value)) return 'hostname';
  return undefined;
}

// A client that sends to 127.0.0.1 whatever is typed (an assignment or a tuple, not a comment
// or a default for an empty answer) reaches only a server on the loopback address.
function hardCodesLoopback(text: string): boolean {
  const code = text.replace(/#[^\n]*/g, '').replace(/\/\/[^\n]*/g, '');
  return /(=\s*|\(\s*)(["'])(127\.0\.0\.1|localhost)\2/.test(code);
}

// The address a Python server binds: a literal in its bind() call, or a top-level constant the
// bind names (directly or in a tuple). C: INADDR_ANY becomes INADDR_LOOPBACK.
function rebind(target: BindKind): Transform {
  return {
    name: `bind-${target}`,
    axis: 'bind',
    apply: (source) => {
      if (target === 'hostname' && source.clientFiles.some((file) => hardCodesLoopback(source.files.get(file) ?? ''))) {
        return {
          applies: false,
          reason:
            "the client hard-codes 127.0.0.1 as the server's address: a server on the host's address would not be the same program",
        };
      }
      const files = new Map<string, string>();
      for (const file of source.serverFiles) {
        const text = source.files.get(file) ?? '';
        if (file.endsWith('.c')) {
          if (target !== 'loopback') continue;
          const replaced = text.replace(/htonl\(\s*INADDR_ANY\s*\)/g, 'htonl(INADDR_LOOPBACK)');
          if (replaced !== text) files.set(file, replaced);
          continue;
        }
        if (target === 'hostname' && !/^import socket\b/m.test(text)) continue;
        const literal = /(\.bind\(\(\s*)((["'])[^"'\n]*\3)(\s*,)/;
        const constant = /^([A-Z_]*(?:HOST|IP|ADDR)[A-Z_]*)(\s*=\s*)([^\n#]+?)(\s*(#.*)?)$/m;
        const inBind = literal.exec(text);
        const named = constant.exec(text);
        if (inBind && bindKindOf(inBind[2] ?? '') !== undefined) {
          if (bindKindOf(inBind[2] ?? '') === target)
            return { applies: false, reason: `the server already binds ${inBind[2]}` };
          files.set(file, text.replace(literal, `$1${bindTargets[target]}$4`));
        } else if (
          named &&
          bindKindOf(named[3] ?? '') !== undefined &&
          new RegExp(`\\b${named[1]}\\b[^\\n]*\\)`).test(text.slice(named.index + named[0].length))
        ) {
          if (bindKindOf(named[3] ?? '') === target)
            return { applies: false, reason: `the server already binds ${named[3]}` };
          files.set(file, text.replace(constant, `$1$2${bindTargets[target]}$4`));
        }
      }
      if (files.size === 0)
        return {
          applies: false,
          reason: "the server's bind address is not a literal or constant this transform knows",
        };
      return { applies: true, files, change: `the server binds ${bindTargets[target]}` };
    },
  };
}

// Every transform, grouped by axis in this order.
export const transforms: readonly Transform[] = [
  promptsIndonesian,
  promptsNoSpace,
  promptsNewline,
  portChanged,
  passwordChanged,
  phrasingFromCorpora,
  stdoutLineBuffered,
  stdoutUnbuffered,
  rebind('all'),
  rebind('loopback'),
  rebind('hostname'),
];
