import { readdirSync, readFileSync } from 'node:fs';

// The pids of a process and all its descendants, read from /proc (the worker's own pid namespace).
export function listProcessTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = readParentPid(Number(entry));
    if (ppid === undefined) continue;
    const siblings = children.get(ppid) ?? [];
    siblings.push(Number(entry));
    children.set(ppid, siblings);
  }
  const tree: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function readParentPid(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields resume after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

// Sends a signal to each pid, ignoring those that have already gone.
export function signalAll(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already exited
    }
  }
}

// True for the unshare(1) or bwrap(1) process that holds an actor's pid namespace: a signal to
// it would end the namespace at once, so a graceful stop signals only the processes inside.
export function isNamespaceWrapper(pid: number): boolean {
  try {
    return ['unshare', 'bwrap'].includes(readFileSync(`/proc/${pid}/comm`, 'utf8').trim());
  } catch {
    return false;
  }
}

// Every process whose real uid is this one: a run's uid is its own, so this finds whatever the
// run's programs started, even daemons that left their process group and parent.
export function listProcessesOfUid(uid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      if (/^State:\s+Z/m.test(status)) continue; // a zombie has ended already; only its parent can reap it
      if (Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]) === uid) pids.push(Number(entry));
    } catch {
      // ended while we looked
    }
  }
  return pids;
}

// Kills every process of a run's uid, again until none is left (a fork bomb refills), and waits
// until the last one has ended: a killed process stays listed until the kernel has torn it down,
// which takes longer on a loaded machine. Gives up after deadlineMs; it ends early as usual.
export async function sweepUid(uid: number, deadlineMs = 10_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const pids = listProcessesOfUid(uid);
    if (pids.length === 0 || Date.now() >= until) return;
    signalAll(pids, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// The uids in [from, to) that some live process holds as its real uid: one pass over /proc,
// where listProcessesOfUid would take one pass per uid.
export function findUidsInUse(from: number, to: number): Set<number> {
  const uids = new Set<number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      if (/^State:\s+Z/m.test(status)) continue;
      const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
      if (uid >= from && uid < to) uids.add(uid);
    } catch {
      // ended while we looked
    }
  }
  return uids;
}

// When a process started, in clock ticks since boot (field 22 of /proc/<pid>/stat), or undefined
// when it is gone: with the pid, it names a process even after the pid is reused.
export function readStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
