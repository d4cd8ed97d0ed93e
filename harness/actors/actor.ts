import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { TranscriptLine } from '../model/result.js';
import { isNamespaceWrapper, listProcessTree, signalAll } from '../sandbox/process-tree.js';
import { createLineSplitter, type LineSplitter } from './line-splitter.js';

// How a launched program ended.
export type ActorExit =
  | { readonly kind: 'exited'; readonly code: number }
  | { readonly kind: 'signaled'; readonly signal: string }
  | { readonly kind: 'spawnFailed'; readonly message: string };

// What an actor needs to start: the full argv (already confined) and where.
export interface ActorLaunch {
  readonly name: string;
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly outputLimitBytes: number;
  readonly clock: () => number;
  readonly record: (line: TranscriptLine) => void;
}

// A running student (or reference) program: its output, its stdin, and its end.
export class Actor extends EventEmitter {
  readonly name: string;
  output = '';
  exit: ActorExit | undefined;
  outputFlooded = false;
  private child: ChildProcess | undefined;
  private outputBytes = 0;
  private readonly splitters: Record<'stdout' | 'stderr', LineSplitter>;
  private readonly exited: Promise<ActorExit>;
  private resolveExit: (exit: ActorExit) => void = () => undefined;

  constructor(private readonly launch: ActorLaunch) {
    super();
    this.name = launch.name;
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
    const emitLine = (stream: 'stdout' | 'stderr') => (text: string) =>
      launch.record({ t: launch.clock(), actor: launch.name, stream, text });
    this.splitters = { stdout: createLineSplitter(emitLine('stdout')), stderr: createLineSplitter(emitLine('stderr')) };
  }

  // Starts the program; resolves once it has been spawned (or failed to be).
  start(): Promise<void> {
    const [file, ...args] = this.launch.argv;
    const child = spawn(file as string, args, {
      cwd: this.launch.cwd,
      env: this.launch.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    this.child = child;
    child.stdout.on('data', (chunk: Buffer) => this.take('stdout', chunk));
    child.stderr.on('data', (chunk: Buffer) => this.take('stderr', chunk));
    child.stdin.on('error', () => undefined); // writing to a program that has exited
    child.on('close', (code, signal) => {
      this.finish(signal ? { kind: 'signaled', signal } : { kind: 'exited', code: code ?? 0 });
    });
    return new Promise((resolve) => {
      child.once('spawn', () => resolve());
      child.once('error', (error) => {
        this.finish({ kind: 'spawnFailed', message: error.message });
        resolve();
      });
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.exit === undefined;
  }

  // Types one line into the program's standard input.
  type(line: string): boolean {
    const stdin = this.child?.stdin;
    if (!this.running || !stdin?.writable) return false;
    this.flushPartialOutput();
    this.launch.record({ t: this.launch.clock(), actor: this.name, stream: 'stdin', text: line });
    stdin.write(`${line}\n`);
    return true;
  }

  // Closes standard input, as a user pressing Ctrl-D.
  closeInput(): void {
    this.child?.stdin?.end();
  }

  // Resolves when the program has ended, however it ended.
  whenExited(): Promise<ActorExit> {
    return this.exited;
  }

  // Sends a signal to the program and everything it started, as a terminal would (Ctrl-C is SIGINT).
  signal(name: 'SIGINT' | 'SIGTERM'): void {
    const pid = this.child?.pid;
    if (pid === undefined || this.exit !== undefined) return;
    signalAll(
      listProcessTree(pid).filter((member) => !isNamespaceWrapper(member)),
      name,
    );
  }

  // Ends the program and everything it started: SIGINT first, SIGKILL after the grace period.
  async stop(graceMs: number): Promise<ActorExit | undefined> {
    if (this.child === undefined) return undefined; // never started
    const pid = this.child.pid;
    if (pid !== undefined && this.exit === undefined) {
      signalAll(
        listProcessTree(pid).filter((member) => !isNamespaceWrapper(member)),
        'SIGINT',
      );
      const timer = setTimeout(() => this.kill(), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    this.kill(); // whatever it left behind in its group or namespace
    return this.exited;
  }

  // Ends the program and its descendants at once.
  kill(): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    const tree = listProcessTree(pid);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // the group is gone
    }
    signalAll(tree, 'SIGKILL');
  }

  // Records an event in the transcript, such as a prompt answered or a limit hit.
  note(text: string): void {
    this.launch.record({ t: this.launch.clock(), actor: this.name, stream: 'event', text });
  }

  // Writes any unterminated output (a prompt) to the transcript.
  flushPartialOutput(): void {
    this.splitters.stdout.flush();
    this.splitters.stderr.flush();
  }

  private take(stream: 'stdout' | 'stderr', chunk: Buffer): void {
    if (this.outputFlooded) return;
    this.outputBytes += chunk.length;
    if (this.outputBytes > this.launch.outputLimitBytes) {
      this.outputFlooded = true;
      this.note(`output limit of ${Math.round(this.launch.outputLimitBytes / 1024)} KB exceeded; stopped`);
      this.kill();
      this.emit('flood');
      return;
    }
    const text = chunk.toString('utf8');
    this.output += text;
    this.splitters[stream].push(text);
    this.emit('output', text);
  }

  private finish(exit: ActorExit): void {
    if (this.exit !== undefined) return;
    this.flushPartialOutput();
    this.exit = exit;
    this.note(describeExit(exit));
    this.resolveExit(exit);
    this.emit('exit', exit);
  }
}

// "exited with code 1", "killed by SIGKILL", "could not start: ENOENT".
export function describeExit(exit: ActorExit): string {
  switch (exit.kind) {
    case 'exited':
      return `exited with code ${exit.code}`;
    case 'signaled':
      return `killed by ${exit.signal}`;
    case 'spawnFailed':
      return `could not start: ${exit.message}`;
    default: {
      const unreachable: never = exit;
      return unreachable;
    }
  }
}
