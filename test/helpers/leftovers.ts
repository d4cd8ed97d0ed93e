import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { readStartTime } from '../../harness/sandbox/process-tree.js';

// The uids a sockgrade process gave its runs, as its opening line on stderr names them
// ("…, student uids 201000–201999"); throws when the line names none.
function uidRangeFromLog(stderr: string): { from: number; to: number } {
  const found = /student uids (\d+)–(\d+)/.exec(stderr);
  if (!found) throw new Error(`sockgrade named no student uids on stderr:\n${stderr}`);
  return { from: Number(found[1]), to: Number(found[2]) + 1 };
}

// The clock /proc/<pid>/stat gives a process's start in: ticks since boot.
let ticksPerSecond: number | undefined;
export function bootTicksNow(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  return Math.ceil(Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * ticksPerSecond);
}

// The processes a sockgrade run left behind: alive, under the uids its opening line names, and
// started before it ended. Once it has exited its block of uids is free, and a sockgrade process
// that starts meanwhile (another test file's) may take the block and run its own students in it.
export function leftoversOf(run: { readonly stderr: string; readonly endedAtTicks: number }): string[] {
  return findLeftovers({ uids: uidRangeFromLog(run.stderr), startedBefore: run.endedAtTicks });
}

// Processes still alive whose real uid is in the given range, or whose command line holds the
// marker: what a sandbox that leaks would leave behind. With startedBefore (ticks since boot),
// only those that started by then.
export function findLeftovers(match: {
  uids?: { from: number; to: number };
  marker?: string;
  startedBefore?: number;
}): string[] {
  const { uids, marker, startedBefore } = match;
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      if (/^State:\s+Z/m.test(status)) continue;
      if (startedBefore !== undefined && Number(readStartTime(Number(entry)) ?? Infinity) > startedBefore) continue;
      if ((uids && uid >= uids.from && uid < uids.to) || (marker !== undefined && cmdline.includes(marker))) {
        found.push(`${entry} uid=${uid} ${cmdline}`);
      }
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}
