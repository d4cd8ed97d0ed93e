// CPU accounting for the bench: where the CPU-seconds of one grading go.
//
// Why not getrusage or /usr/bin/time: a process reaped inside a pid namespace (every student
// program, every probe) is waited for by that namespace's first process, and its CPU never
// reaches the harness's RUSAGE_CHILDREN. Sampling /proc misses every process shorter than the
// sampling interval and the last interval of every other one. So two exact sources are used:
//
// - the total: the graded command runs in a cgroup of its own (cgroup v2 `cpu.stat`, else v1
//   `cpuacct.usage_user/_sys`); the kernel charges every descendant to it, namespaces or not.
// - the breakdown: BSD process accounting (acct(2), switched on through Python's ctypes) writes
//   one record per process as it exits, in whatever pid namespace it ran: pid, parent pid, uid,
//   command name, user and system time. The records of our command's process tree (parent links
//   followed from the command's pid, matched by lifetime since pids are reused) are classified:
//   the command's own pid is the harness; the confinement chain's programs (bwrap, unshare,
//   setpriv, prlimit, stdbuf, sh) and anything else of root's but `node` (ip, …) are sandbox
//   set-up; other `node` processes are its workers; the rest, of a student uid, are students'
//   programs and probes.
//   A record's times are in 1/100 s, rounded down, so many tiny processes undercount: the cgroup
//   total minus the records' sum is shown as "not attributed".
//
// The chain unshare → setpriv → prlimit → stdbuf → sh execs from one program into the next in a
// single process, ending in the shell, which forks the student's program: the shell's record
// holds the chain's CPU.
// Needs root (cgroups and acct); without it only the wall time and the harness's own rusage remain.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const recordSize = 64; // struct acct_v3
const ticksPerSecond = 100; // AHZ

// Where a cgroup of our own can be made, and how its CPU is read (seconds, user and system).
function findCgroupRoot() {
  if (existsSync('/sys/fs/cgroup/cgroup.controllers')) return { kind: 'v2', dir: '/sys/fs/cgroup' };
  if (existsSync('/sys/fs/cgroup/unified/cgroup.procs')) return { kind: 'v2', dir: '/sys/fs/cgroup/unified' };
  if (existsSync('/sys/fs/cgroup/cpuacct/cpuacct.usage')) return { kind: 'v1', dir: '/sys/fs/cgroup/cpuacct' };
  return undefined;
}

function readCgroupCpu({ kind }, dir) {
  if (kind === 'v2') {
    const stat = Object.fromEntries(
      readFileSync(path.join(dir, 'cpu.stat'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(' ')),
    );
    return { user: Number(stat.user_usec) / 1e6, system: Number(stat.system_usec) / 1e6 };
  }
  return {
    user: Number(readFileSync(path.join(dir, 'cpuacct.usage_user'), 'utf8')) / 1e9,
    system: Number(readFileSync(path.join(dir, 'cpuacct.usage_sys'), 'utf8')) / 1e9,
  };
}

// Switches process accounting on (to `file`) or off (file undefined); returns whether it worked.
function switchAcct(file) {
  const call = file === undefined ? 'libc.acct(None)' : `libc.acct(${JSON.stringify(file)}.encode())`;
  const run = spawnSync('python3', [
    '-c',
    `import ctypes,sys\nlibc=ctypes.CDLL(None,use_errno=True)\nsys.exit(0 if ${call}==0 else 1)`,
  ]);
  return run.status === 0;
}

// comp_t: 13-bit mantissa, 3-bit base-8 exponent, in 1/100 s.
function decodeCompT(value) {
  return ((value & 0x1fff) << (3 * (value >> 13))) / ticksPerSecond;
}

function parseAcct(buffer) {
  const records = [];
  for (let at = 0; at + recordSize <= buffer.length; at += recordSize) {
    if (buffer.readUInt8(at + 1) !== 3) continue; // not a v3 record
    const comm = buffer.subarray(at + 48, at + 64);
    const nul = comm.indexOf(0);
    const btime = buffer.readUInt32LE(at + 24);
    const etime = buffer.readFloatLE(at + 28) / ticksPerSecond;
    records.push({
      flag: buffer.readUInt8(at),
      uid: buffer.readUInt32LE(at + 8),
      pid: buffer.readUInt32LE(at + 16),
      ppid: buffer.readUInt32LE(at + 20),
      start: btime,
      end: btime + etime,
      user: decodeCompT(buffer.readUInt16LE(at + 32)),
      system: decodeCompT(buffer.readUInt16LE(at + 34)),
      comm: comm.subarray(0, nul === -1 ? 16 : nul).toString('latin1'),
    });
  }
  return records;
}

// The records of the tree rooted at `rootPid`: a record belongs when its parent's record (the
// one of that pid alive when it ended; pids are reused) belongs. Creation times are whole seconds.
function selectTree(records, rootPid, since) {
  const byPid = new Map();
  for (const record of records) byPid.set(record.pid, [...(byPid.get(record.pid) ?? []), record]);
  const parentOf = (record) =>
    (byPid.get(record.ppid) ?? []).find((p) => p !== record && p.start <= record.start + 1 && p.end + 1 >= record.end);
  const member = new Map();
  const belongs = (record) => {
    if (member.has(record)) return member.get(record);
    member.set(record, false); // a cycle through reused pids belongs to no one
    const parent = record.pid === rootPid && record.start + 1 >= since ? undefined : parentOf(record);
    const yes = (record.pid === rootPid && record.start + 1 >= since) || (parent !== undefined && belongs(parent));
    member.set(record, yes);
    return yes;
  };
  return records.filter(belongs);
}

export const categories = ['harness', 'workers', 'sandbox', 'students'];

// The confinement chain's programs, whoever they run as: setpriv drops to the student's uid
// before prlimit, stdbuf and the shell run, and the shell forks the program rather than exec it,
// so a student-uid `sh` record holds the whole chain's CPU (a shell a student's program starts
// itself is counted there too: none of the examples does).
const sandboxCommands = new Set(['bwrap', 'unshare', 'setpriv', 'prlimit', 'stdbuf', 'sh', 'dash', 'ip']);

function classify(record, rootPid) {
  if (record.pid === rootPid) return 'harness';
  if (sandboxCommands.has(record.comm)) return 'sandbox';
  if (record.uid !== 0) return 'students';
  if (record.comm === 'node' || record.comm.startsWith('node-')) return 'workers';
  return 'sandbox';
}

// Runs `argv` in a cgroup of its own under process accounting; resolves to its exit status, the
// stdout/stderr it wrote, and the CPU it and every descendant used, by category.
export async function runAccounted(argv, { env = process.env } = {}) {
  const cgroupRoot = process.getuid?.() === 0 ? findCgroupRoot() : undefined;
  const cgroupDir = cgroupRoot ? path.join(cgroupRoot.dir, `sockgrade-bench-${process.pid}-${Date.now()}`) : undefined;
  const scratch = mkdtempSync(path.join(tmpdir(), 'sockgrade-acct-'));
  const acctFile = path.join(scratch, 'pacct');
  writeFileSync(acctFile, '');
  let acct = false;
  try {
    if (cgroupDir) mkdirSync(cgroupDir);
    acct = cgroupDir !== undefined && switchAcct(acctFile);
    const since = Math.floor(Date.now() / 1000);
    const started = process.hrtime.bigint();
    // The shell joins the cgroup, then becomes the command: the command's pid is the shell's.
    const child = spawn(
      '/bin/sh',
      ['-c', `${cgroupDir ? `echo $$ > '${cgroupDir}/cgroup.procs' && ` : ''}exec "$@"`, 'sh', ...argv],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    const status = await new Promise((resolve) => child.on('close', (code) => resolve(code)));
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (acct) switchAcct(undefined);
    const total = cgroupDir ? readCgroupCpu(cgroupRoot, cgroupDir) : undefined;
    const cpu = {
      method: describeMethod(cgroupRoot, acct),
      wallSeconds,
      total: total ? { ...total, seconds: total.user + total.system } : undefined,
    };
    if (acct) {
      const tree = selectTree(parseAcct(readFileSync(acctFile)), child.pid, since);
      const by = Object.fromEntries(categories.map((c) => [c, { seconds: 0, processes: 0 }]));
      const commands = {};
      for (const record of tree) {
        const category = classify(record, child.pid);
        by[category].seconds += record.user + record.system;
        by[category].processes += 1;
        const key = `${category}:${record.comm}`;
        commands[key] = {
          seconds: (commands[key]?.seconds ?? 0) + record.user + record.system,
          processes: (commands[key]?.processes ?? 0) + 1,
        };
      }
      const attributed = categories.reduce((sum, c) => sum + by[c].seconds, 0);
      cpu.byCategory = by;
      cpu.byCommand = commands;
      cpu.processes = tree.length;
      if (cpu.total) cpu.notAttributed = Math.max(0, cpu.total.seconds - attributed);
    }
    return { status, stdout, stderr, cpu };
  } finally {
    if (acct) switchAcct(undefined);
    if (cgroupDir) removeCgroup(cgroupDir);
    rmSync(scratch, { recursive: true, force: true });
  }
}

function describeMethod(cgroupRoot, acct) {
  if (!cgroupRoot) return 'none (needs root and a cgroup file system)';
  return `cgroup ${cgroupRoot.kind} total${acct ? ' + BSD process accounting per process' : ' only (acct(2) unavailable)'}`;
}

// A cgroup can be removed once empty; processes of ours that linger (none should) are waited for briefly.
function removeCgroup(dir) {
  for (let i = 0; i < 50; i++) {
    try {
      rmdirSync(dir);
      return;
    } catch {
      spawnSync('sleep', ['0.1']);
    }
  }
}
