import { readdirSync, readFileSync } from 'node:fs';

// The uids one sockgrade process gives its runs (see harness/sandbox/allocate-uid.ts).
export function uidRangeOf(cliPid: number): { from: number; to: number } {
  const from = 200_000 + (cliPid % 500) * 1000;
  return { from, to: from + 1000 };
}

// Processes still alive whose real uid is in the given range, or whose command line holds the
// marker: what a sandbox that leaks would leave behind.
export function findLeftovers(match: { uids?: { from: number; to: number }; marker?: string }): string[] {
  const { uids, marker } = match;
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      if (/^State:\s+Z/m.test(status)) continue;
      if ((uids && uid >= uids.from && uid < uids.to) || (marker !== undefined && cmdline.includes(marker))) {
        found.push(`${entry} uid=${uid} ${cmdline}`);
      }
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}
