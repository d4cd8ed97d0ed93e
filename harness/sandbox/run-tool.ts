import { execFile } from 'node:child_process';

// Runs a system tool (ip, mount) to its end; its exit code and what it said on stderr. The
// worker uses this rather than execa, which costs a tenth of a second to load in every run.
export function runTool(file: string, args: readonly string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 10_000 }, (error, _stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stderr: stderr.trim() || (error?.message ?? '') });
    });
  });
}
