import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';

// Checks, before anything runs, that the files a command starts exist and that Python entry
// points are Python 3; returns a message for the student, or undefined when all is well.
export async function checkEntryPoints(
  dir: string,
  commands: { readonly server: string; readonly client: string },
  source: string,
): Promise<string | undefined> {
  for (const [role, command] of [['server', commands.server], ['client', commands.client]] as const) {
    const script = scriptOf(command);
    if (script === undefined) continue;
    if (!existsSync(path.join(dir, script))) {
      const present = readdirSync(dir).filter((f) => !f.startsWith('.')).sort();
      return `missing ${script}: the ${role} is started with \`${command}\` (from ${source}), but the submission has no ${script} (it has: ${present.join(', ') || 'no files'}). Add it, or name the ${role}'s command in sockgrade.yaml (${role}: ...).`;
    }
    if (script.endsWith('.py')) {
      const problem = await checkPython3Syntax(dir, script);
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

// Parses (never runs) a Python file with python3; a print statement means Python 2 code.
async function checkPython3Syntax(dir: string, script: string): Promise<string | undefined> {
  const parse = await execa(
    'python3',
    ['-c', 'import ast,sys\nsrc=open(sys.argv[1],encoding="utf-8",errors="replace").read()\nast.parse(src,sys.argv[1])', script],
    { cwd: dir, reject: false, timeout: 20_000 },
  );
  if (parse.exitCode === 0) return undefined;
  const lines = parse.stderr.trim().split('\n');
  const where = /line (\d+)/.exec(parse.stderr)?.[1];
  const error = lines[lines.length - 1] ?? 'a syntax error';
  const source = where ? (lines.find((l) => /^\s{4}\S/.test(l))?.trim() ?? '') : '';
  if (/^print\s+[^(\s=]/.test(source) || /Missing parentheses in call to 'print'/.test(parse.stderr)) {
    return `${script} is Python 2 code (line ${where ?? '?'}: ${source}); sockgrade runs it with python3. Use print(...) and the other Python 3 forms.`;
  }
  return `${script} does not parse as Python 3 (line ${where ?? '?'}: ${error})${source ? `: ${source}` : ''}.`;
}
