import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { quoteShellWord, type Confinement } from '../sandbox/confine-command.js';
import { describeSkipped, type SkippedEntry } from '../sandbox/copy-tree.js';
import type { IsolationPlan } from '../sandbox/detect-isolation.js';
import { runConfined } from '../sandbox/run-confined.js';

const parseTimeoutMs = 60_000;

// How the syntax check runs: confined exactly like the student's programs, never as the harness.
export interface CheckSandbox {
  readonly plan: IsolationPlan;
  readonly confinement: Confinement;
}

// Checks, before anything runs, that the files the rubric's roles start exist and that Python entry
// points are Python 3; returns a message for the student, or undefined when all is well.
export async function checkEntryPoints(
  dir: string,
  commands: { readonly server: string; readonly client: string },
  source: string | Readonly<Record<'server' | 'client', string>>,
  roles: ReadonlySet<'server' | 'client'>,
  sandbox: CheckSandbox,
  skipped: readonly SkippedEntry[] = [], // what staging left out: an entry point there was a FIFO or a socket, not lost
): Promise<string | undefined> {
  for (const [role, command] of [
    ['server', commands.server],
    ['client', commands.client],
  ] as const) {
    if (!roles.has(role)) continue;
    const script = scriptOf(command);
    if (script === undefined) continue;
    if (!existsSync(path.join(dir, script))) {
      const present = readdirSync(dir)
        .filter((f) => !f.startsWith('.'))
        .sort();
      const left = skipped.find((entry) => entry.path === script);
      const notCopied = left ? ` (Not copied: ${describeSkipped(left)}.)` : '';
      return `missing ${script}: the ${role} is started with \`${command}\` (from ${typeof source === 'string' ? source : source[role]}), but the submission has no ${script} (it has: ${present.join(', ') || 'no files'}). Add it, or name the ${role}'s command in sockgrade.yaml (${role}: ...).${notCopied}`;
    }
    if (script.endsWith('.py')) {
      const problem = await checkPython3Syntax(dir, script, sandbox);
      if (problem) return problem;
    }
  }
  return undefined;
}

// The file a command runs: "python3 server.py" → "server.py", "./server" → "server".
function scriptOf(command: string): string | undefined {
  const words = command.trim().split(/\s+/);
  const [first, second] = words;
  if (first && /^python[23]?$/.test(first) && second && !second.startsWith('-')) return second;
  if (first?.startsWith('./')) return first.slice(2);
  return undefined;
}

// Parses (never runs) a Python file with python3, confined like the program itself and isolated
// (-I: neither the folder nor PYTHON* variables reach sys.path, so a student's ast.py or json.py
// is never imported); a print statement means Python 2 code.
async function checkPython3Syntax(dir: string, script: string, sandbox: CheckSandbox): Promise<string | undefined> {
  const command = `python3 -I -c ${quoteShellWord(parserScript)} ${quoteShellWord(script)}`;
  const parse = await runConfined(command, dir, sandbox.plan, sandbox.confinement, parseTimeoutMs);
  if (parse.exitCode === 0) return undefined;
  if (parse.exitCode === 127) return `python3 was not found on this machine; install it to grade Python submissions.`;
  // A check that could not finish says nothing about the student's code: the run will show any
  // SyntaxError itself.
  if (parse.timedOut || parse.exitCode === undefined) return undefined;
  let error: { line?: number; text?: string; message?: string };
  try {
    error = JSON.parse(parse.stdout) as typeof error;
  } catch {
    return `${script} could not be read as Python 3: ${parse.all.trim().split('\n').pop() ?? ''}`;
  }
  const source = (error.text ?? '').trim();
  // The line is quoted as code, so its own brackets never read as the message's.
  const where = `line ${error.line ?? '?'}${source ? `: \`${source}\`` : ''}`;
  if (/^print\s+[^(\s=]/.test(source) || /parentheses in call to 'print'/.test(error.message ?? '')) {
    return `${script} is Python 2 code (${where}); sockgrade runs it with python3. ${portingAdvice}`;
  }
  return `${script} does not parse as Python 3 (${where}): ${error.message ?? 'syntax error'}.`;
}

// What porting a lab-sheet program to Python 3 takes, said once for every Python 2 submission.
const portingAdvice =
  'To port it: print is a function (print("Got connection from", addr)); sockets send and receive bytes, not str (c.send("Thank you".encode()), s.recv(1024).decode()); raw_input() is input().';

// Reports a SyntaxError as JSON on stdout and exits 1; prints nothing for a file that parses.
const parserScript = [
  'import ast, json, sys',
  'try:',
  '    ast.parse(open(sys.argv[1], encoding="utf-8", errors="replace").read(), sys.argv[1])',
  'except SyntaxError as e:',
  '    print(json.dumps({"line": e.lineno, "text": e.text, "message": e.msg}))',
  '    sys.exit(1)',
].join('\n');
