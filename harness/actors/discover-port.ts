import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import type { Transport } from '../model/implementation.js';
import { listProcessTree } from '../sandbox/process-tree.js';

// A socket a server has bound: the address to forward to and where it was found.
export interface BoundSocket {
  readonly host: string;
  readonly port: number;
  readonly pid: number;
  readonly family: 4 | 6;
}

// Finds the socket the server's process tree bound, by matching its socket inodes against
// /proc/PID/net (the server's own network namespace). Returns undefined while it has none.
export function findBoundSocket(rootPid: number, transport: Transport): BoundSocket | undefined {
  for (const pid of listProcessTree(rootPid)) {
    const inodes = readSocketInodes(pid);
    if (inodes.size === 0) continue;
    for (const family of [4, 6] as const) {
      const table = `/proc/${pid}/net/${transport}${family === 6 ? '6' : ''}`;
      for (const row of readSocketTable(table)) {
        if (!inodes.has(row.inode)) continue;
        if (transport === 'tcp' && row.state !== '0A') continue; // TCP: listening sockets only
        if (transport === 'udp' && row.remotePort !== 0) continue; // UDP: skip connected sockets
        return { host: toReachableHost(row.host, family), port: row.port, pid, family };
      }
    }
  }
  return undefined;
}

interface SocketRow {
  readonly host: string;
  readonly port: number;
  readonly remotePort: number;
  readonly state: string;
  readonly inode: string;
}

function readSocketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes;
  }
  for (const fd of fds) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1]) inodes.add(match[1]);
    } catch {
      // the descriptor closed while we looked
    }
  }
  return inodes;
}

function readSocketTable(file: string): SocketRow[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length >= 10)
    .map((fields) => {
      const [localHex = '', localPortHex = '0'] = (fields[1] ?? '').split(':');
      const remotePortHex = (fields[2] ?? '').split(':')[1] ?? '0';
      return {
        host: decodeAddress(localHex),
        port: parseInt(localPortHex, 16),
        remotePort: parseInt(remotePortHex, 16),
        state: fields[3] ?? '',
        inode: fields[9] ?? '',
      };
    });
}

// /proc/net stores addresses as little-endian 32-bit words in hex.
function decodeAddress(hex: string): string {
  if (hex.length === 8) {
    const bytes = Buffer.from(hex, 'hex').reverse();
    return Array.from(bytes).join('.');
  }
  const words: string[] = [];
  for (let i = 0; i < 32; i += 8) {
    const word = Buffer.from(hex.slice(i, i + 8), 'hex')
      .reverse()
      .toString('hex');
    words.push(word.slice(0, 4), word.slice(4, 8));
  }
  const v4mapped = words.slice(0, 5).every((w) => w === '0000') && words[5] === 'ffff';
  if (v4mapped) {
    const tail = Buffer.from(`${words[6]}${words[7]}`, 'hex');
    return Array.from(tail).join('.');
  }
  return words
    .map((w) => w.replace(/^0+(?=.)/, ''))
    .join(':')
    .replace(/(^|:)0(:0)+(:|$)/, '::');
}

// A wildcard bind is reached through loopback.
function toReachableHost(host: string, family: 4 | 6): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (family === 6 && (host === '::' || host === '0:0:0:0:0:0:0:0')) return '::1';
  return host;
}
