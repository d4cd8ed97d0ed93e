import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { Isolation, Sandbox } from '../model/result.js';
import { bubblewrapArgs } from './bubblewrap-args.js';

// What the user asked for: the strongest available (auto), namespaces whichever way (netns), one
// sandbox in particular, or none.
export const isolationChoices = ['auto', 'netns', 'bubblewrap', 'unshare', 'none'] as const;
export type IsolationChoice = (typeof isolationChoices)[number];

// How runs are contained on this machine: the unshare(1) prefix of each worker and of each
// program the harness starts outside a run (build, syntax check), and the sandbox of every program.
export interface IsolationPlan {
  readonly mode: Isolation;
  readonly sandbox: Sandbox;
  readonly unsharePrefix: readonly string[];
  readonly dropPrivileges: boolean; // true when the harness is root and student code must not be
  readonly note?: string;
}

const namespaceFlags = ['--mount', '--net', '--pid', '--fork', '--kill-child', '--mount-proc'];

type Detected = { ok: true; plan: IsolationPlan } | { ok: false; message: string };

// Finds the strongest isolation this machine allows for the user's choice; a choice that cannot
// be had (namespaces, or bubblewrap, asked for by name) is a usage error that says why.
export async function detectIsolation(choice: IsolationChoice): Promise<Detected> {
  const dropPrivileges = isRoot();
  const none = (note: string): Detected => ({
    ok: true,
    plan: { mode: 'none', sandbox: 'none', unsharePrefix: [], dropPrivileges, note },
  });
  if (choice === 'none') return none('chosen with --isolation none');
  const prefix = ['unshare', ...(dropPrivileges ? [] : ['--user', '--map-root-user']), ...namespaceFlags];
  const namespaces = await tryCommand([...prefix, 'ip', 'link', 'set', 'lo', 'up']);
  if (namespaces !== undefined) {
    if (choice === 'auto')
      return none(
        `namespaces unavailable (${namespaces}); process-group isolation, runs whose server holds a fixed port take turns`,
      );
    return {
      ok: false,
      message: `--isolation ${choice}: this machine cannot create network and pid namespaces (${namespaces}). Use --isolation auto to fall back to process-group isolation.`,
    };
  }
  const unshare: Detected = {
    ok: true,
    plan: { mode: 'netns', sandbox: 'unshare', unsharePrefix: prefix, dropPrivileges },
  };
  if (choice === 'unshare') return unshare;
  const bubblewrap = await tryBubblewrap(prefix);
  if (bubblewrap === undefined)
    return { ok: true, plan: { mode: 'netns', sandbox: 'bubblewrap', unsharePrefix: prefix, dropPrivileges } };
  if (choice === 'bubblewrap') {
    return {
      ok: false,
      message: `--isolation bubblewrap: bubblewrap cannot run here (${bubblewrap}). Install it (Debian and Ubuntu: apt-get install bubblewrap), or use --isolation auto to fall back to unshare.`,
    };
  }
  return {
    ok: true,
    plan: { ...unshare.plan, note: `bubblewrap unavailable (${bubblewrap}); unshare, with the class folder hidden` },
  };
}

// Runs bwrap as a program would be run, with a view of an empty folder; undefined when it works.
async function tryBubblewrap(prefix: readonly string[]): Promise<string | undefined> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sockgrade-bwrap-'));
  try {
    return await tryCommand([...prefix, ...bubblewrapArgs({ writable: dir }), '/bin/true']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Undefined when the command exits 0; otherwise the first line it said, or how it ended.
async function tryCommand(argv: readonly string[]): Promise<string | undefined> {
  const result = await execa(argv[0] as string, argv.slice(1), { reject: false, timeout: 10_000 });
  if (result.exitCode === 0) return undefined;
  if (result.code === 'ENOENT') return `${argv[0] ?? ''} is not installed`;
  return firstLine(result.stderr) || `${argv[0] ?? ''} exited with ${String(result.exitCode ?? result.signal)}`;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? ''
  );
}
