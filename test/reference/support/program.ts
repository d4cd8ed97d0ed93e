import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The repository root, whatever the current directory.
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

// The compiled entry point of a reference program; fails with the fix when dist is missing.
export function referenceScript(relative: string): string {
  const script = path.join(repoRoot, 'dist', 'reference', relative);
  if (!existsSync(script)) {
    throw new Error(
      `${path.relative(repoRoot, script)} is missing: build first with "npx tsc -p tsconfig.json" (npm test does it in pretest)`,
    );
  }
  return script;
}

const running = new Set<Program>();

// One launched reference program: its output so far, prompt-style waiting on patterns, typing.
export class Program {
  output = '';
  stderr = '';
  exitCode: number | null | undefined;
  private readonly child: ChildProcess;
  private readonly listeners = new Set<() => void>();

  private constructor(
    readonly label: string,
    command: string,
    args: readonly string[],
    options: { cwd: string; env?: NodeJS.ProcessEnv },
  ) {
    this.child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const onData = (chunk: Buffer): void => {
      this.output += chunk.toString('utf8');
      this.notify();
    };
    this.child.stdout?.on('data', onData);
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    this.child.stdin?.on('error', () => undefined);
    this.child.on('exit', (code) => {
      this.exitCode = code;
      running.delete(this);
      this.notify();
    });
    running.add(this);
  }

  // Starts a compiled reference program (a JavaScript file) with this Node.
  static start(label: string, script: string, options: { cwd: string; env?: NodeJS.ProcessEnv }): Program {
    return new Program(label, process.execPath, [script], options);
  }

  // Starts any command, such as a Python client.
  static spawn(
    label: string,
    command: string,
    args: readonly string[],
    options: { cwd: string; env?: NodeJS.ProcessEnv },
  ): Program {
    return new Program(label, command, args, options);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  // Types one line on the program's standard input.
  type(line: string): void {
    this.child.stdin?.write(`${line}\n`);
  }

  endInput(): void {
    this.child.stdin?.end();
  }

  // Resolves when the output (from offset on) matches; rejects on timeout or exit, showing the output.
  waitFor(pattern: RegExp | string, timeoutMs = 20_000, from = 0): Promise<RegExpExecArray> {
    const regex = typeof pattern === 'string' ? new RegExp(escapeRegExp(pattern)) : pattern;
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const match = regex.exec(this.output.slice(from));
        if (match) {
          finish();
          resolve(match);
          return true;
        }
        if (this.exitCode !== undefined) {
          finish();
          reject(
            new Error(
              `${this.label} exited (${this.exitCode}) before printing ${regex}; output:\n${this.output}\nstderr:\n${this.stderr}`,
            ),
          );
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        finish();
        reject(
          new Error(
            `${this.label} did not print ${regex} within ${timeoutMs} ms; output:\n${this.output}\nstderr:\n${this.stderr}`,
          ),
        );
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      const listener = (): void => void check();
      if (!check()) this.listeners.add(listener);
    });
  }

  // Resolves with the exit code; rejects when the program is still running after timeoutMs.
  waitExit(timeoutMs = 20_000): Promise<number | null> {
    return new Promise((resolve, reject) => {
      if (this.exitCode !== undefined) return resolve(this.exitCode);
      const timer = setTimeout(
        () => reject(new Error(`${this.label} still running after ${timeoutMs} ms; output:\n${this.output}`)),
        timeoutMs,
      );
      this.child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  // Counts the lines of output equal to line.
  countLines(line: string): number {
    return this.output.split('\n').filter((candidate) => candidate === line).length;
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.exitCode === undefined && this.child.pid !== undefined) {
      try {
        process.kill(this.child.pid, signal);
      } catch {
        // already gone
      }
    }
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

// Kills every program still running, by pid; for afterEach.
export async function killAllPrograms(): Promise<void> {
  const programs = [...running];
  for (const program of programs) program.kill('SIGKILL');
  await Promise.all(programs.map((program) => program.waitExit(5000).catch(() => null)));
}

// A literal text as a regular expression source.
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
