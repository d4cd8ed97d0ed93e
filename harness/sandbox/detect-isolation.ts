import { execa } from 'execa';
import type { Isolation } from '../grading/result.js';

export type IsolationChoice = 'auto' | 'netns' | 'none';

// How runs are contained on this machine: the unshare(1) prefix of each worker, or none.
export interface IsolationPlan {
  readonly mode: Isolation;
  readonly unsharePrefix: readonly string[];
  readonly dropPrivileges: boolean; // true when the harness is root and student code must not be
  readonly note?: string;
}

const namespaceFlags = ['--mount', '--net', '--pid', '--fork', '--kill-child', '--mount-proc'];

// Finds the strongest isolation this machine allows; "netns" that cannot be had is a usage error.
export async function detectIsolation(
  choice: IsolationChoice,
): Promise<{ ok: true; plan: IsolationPlan } | { ok: false; message: string }> {
  if (choice === 'none') {
    return { ok: true, plan: { mode: 'none', unsharePrefix: [], dropPrivileges: isRoot(), note: 'chosen with --isolation none' } };
  }
  const isRootUser = isRoot();
  const prefix = ['unshare', ...(isRootUser ? [] : ['--user', '--map-root-user']), ...namespaceFlags];
  const probe = await execa(prefix[0] as string, [...prefix.slice(1), 'ip', 'link', 'set', 'lo', 'up'], {
    reject: false,
    timeout: 10_000,
  });
  if (probe.exitCode === 0) {
    return { ok: true, plan: { mode: 'netns', unsharePrefix: prefix, dropPrivileges: isRootUser } };
  }
  const reason = firstLine(probe.stderr) || `unshare exited with ${String(probe.exitCode ?? probe.signal)}`;
  if (choice === 'netns') {
    return {
      ok: false,
      message: `--isolation netns: this machine cannot create network and pid namespaces (${reason}). Use --isolation auto to fall back to process-group isolation.`,
    };
  }
  return {
    ok: true,
    plan: {
      mode: 'none',
      unsharePrefix: [],
      dropPrivileges: isRootUser,
      note: `namespaces unavailable (${reason}); process-group isolation, runs whose server holds a fixed port take turns`,
    },
  };
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
}
