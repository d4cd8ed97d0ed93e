import { execa } from 'execa';
import path from 'node:path';
import { bootTicksNow } from './leftovers.js';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

// Runs the compiled CLI as a user would, never rejecting: tests assert on code and output.
export async function runSockgrade(
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {},
) {
  const subprocess = execa(process.execPath, [path.join(repoRoot, 'dist', 'harness', 'main.js'), ...args], {
    cwd: options.cwd ?? repoRoot,
    reject: false,
    timeout: options.timeoutMs ?? 600_000,
    env: { NO_COLOR: '1', ...options.env },
  });
  const result = await subprocess;
  return {
    code: result.exitCode,
    stdout: result.stdout,
    stderr: result.stderr,
    pid: subprocess.pid,
    endedAtTicks: bootTicksNow(),
  };
}
