import { readdirSync, readFileSync } from 'node:fs';

// The uids a sockgrade process gave its runs, as its opening line on stderr names them
// ("…, student uids 201000–201999"); throws when the line names none.
export function uidRangeFromLog(stderr: string): { from: number; to: number } {
  const found = /student uids (\d+)–(\d+)/.exec(stderr);
  if (!found) throw new Error(`sockgrade named no student uids on stderr:\n${stderr}`);
  return { from: Number(found[1]), to: Number(found[2]) + 1 };
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
