import { readFileSync, statfsSync } from 'node:fs';
import { execa } from 'execa';
import { bootTicksNow } from './leftovers.js';

// What a sampled run saw: the child's exit, its peak resident memory (VmHWM) and the least free
// space /tmp had while it ran.
export interface SampledRun {
  readonly code: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
  readonly pid: number;
  readonly timedOut: boolean;
  readonly peakRssKb: number;
  readonly minTmpFreeBytes: number;
  readonly wallMs: number;
  readonly endedAtTicks: number; // when it had ended, in ticks since boot (see leftoversOf)
}

// Runs a command and polls /proc/<pid>/status every 200 ms while it lives. VmHWM is a high-water
// mark, so the last sample read is the child's peak.
export async function runSampled(
  file: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs: number },
): Promise<SampledRun> {
  const started = Date.now();
  const child = execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    reject: false,
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
  });
  const pid = child.pid as number;
  let peakRssKb = 0;
  let minTmpFreeBytes = freeBytes('/tmp');
  const sample = () => {
    try {
      const hwm = Number(/^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      peakRssKb = Math.max(peakRssKb, hwm);
    } catch {
      // the child has just ended
    }
    minTmpFreeBytes = Math.min(minTmpFreeBytes, freeBytes('/tmp'));
  };
  const timer = setInterval(sample, 200);
  sample();
  const result = await child;
  const endedAtTicks = bootTicksNow();
  clearInterval(timer);
  return {
    code: result.exitCode,
    stdout: String(result.stdout),
    stderr: String(result.stderr),
    pid,
    timedOut: result.timedOut,
    peakRssKb,
    minTmpFreeBytes,
    wallMs: Date.now() - started,
    endedAtTicks,
  };
}

function freeBytes(dir: string): number {
  const stats = statfsSync(dir);
  return stats.bavail * stats.bsize;
}
