import type { PromptName, StepKind, Timeouts } from './rubric.js';

// Used where a rubric sets no timeouts.
export const defaultTimeouts: Timeouts = { start: 10_000, join: 10_000, expect: 5_000, refute: 1_500, run: 60_000 };

// The prompts a typical client prints, in English and Indonesian.
export const defaultPrompts: Readonly<Record<PromptName, string>> = {
  host: String.raw`(?i)(\bip(v4)?\b|host|server|alamat)`,
  port: String.raw`(?i)\bport\b`,
  name: String.raw`(?i)(nick|user ?name|\bname\b|\bnama)`,
  password: '(?i)(pass|sandi)',
};

// What a server typically answers a join it accepts (joined) or refuses (refused).
export const defaultPatterns: Readonly<Record<string, string>> = {
  joined: '(?i)(joined|welcome|(?<!dis)(?<!not )connected|accepted|bergabung|selamat datang|diterima|(?<!tidak )terhubung)',
  refused:
    '(?i)(incorrect|wrong|invalid|denied|refused|rejected|taken|already|salah|ditolak|dipakai|sudah dipakai|sudah digunakan)',
};

// The step kinds in the order messages list them.
export const stepKindOrder = [
  'start', 'join', 'send', 'expect', 'refute', 'rejected', 'wire', 'stop', 'restart', 'quit', 'any',
  'fault', 'burst', 'delivered', 'unreadable', 'file', 'received', 'probe', 'crowd', 'sever',
] as const satisfies readonly StepKind[];
