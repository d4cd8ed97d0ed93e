import type { PromptName, StepKind, Timeouts } from './rubric.js';

// Used where a rubric sets no timeouts.
export const defaultTimeouts: Timeouts = { start: 10_000, join: 10_000, expect: 5_000, refute: 1_500, run: 60_000 };

// The prompts a typical client prints, in English and Indonesian (corpora: test/fixtures/patterns/prompt-*.yaml).
export const defaultPrompts: Readonly<Record<PromptName, string>> = {
  host: String.raw`(?i)(\bip(v4)?\b|host|server|alamat|\baddr(ess)?\b)`,
  port: String.raw`(?i)\bport\b`,
  name: String.raw`(?i)(nick|user ?name|(?<!(host|file|server)\s?)\bname\b|\bnama(?!\s+(file|berkas|host|server))|panggilan)`,
  password: String.raw`(?i)(\bpass|sandi)`,
};

// What a server typically answers a join it accepts (joined) or refuses (refused); a negation
// ("not connected", "gagal bergabung") never counts (corpora: test/fixtures/patterns/*.yaml).
export const defaultPatterns: Readonly<Record<string, string>> = {
  joined: String.raw`(?i)(?<!\b(?:not|never|cannot|tidak|tak|belum|gagal|unable to|failed to|no longer|tidak dapat|tidak bisa|tak bisa|tak dapat|gagal untuk)\s+(?:(?:be|been|yet|untuk|lagi)\s+)?)(?<!n't\s+(?:(?:be|been|yet)\s+)?)(?:joined|\bwelcome|(?<!dis|un|re)connected|(?<!(?:message|file|packet)\b[^\n]{0,30})accepted|\blogged in|\bnow online|\bentered the (?:room|chat)|bergabung|selamat datang|(?<!(?:pesan|file|berkas|data|paket)\b[^\n]{0,30})diterima|terhubung|berhasil (?:masuk|login)|login (?:berhasil|sukses))`,
  refused: String.raw`(?i)(?<!\b(?:not|never|tidak|tak|belum|bukan)\s+)(?:incorrect|\bwrong\s+(?:password|pass|passwd|name|username|nickname|credentials?|sandi|kata sandi)|(?:password|passwd|sandi|name)\s+(?:is\s+|was\s+)?wrong|\binvalid\s+(?:password|pass|passwd|credentials?|name|username|nickname|join|login)|(?:password|sandi|nama|name|username)\w*[^\n]{0,15}?(?:tidak|tak)\s+(?:valid|benar|cocok|sah|tersedia)|\bdenied|(?<!connection\s+|koneksi\s+)(?:refused|rejected|ditolak)|\btaken\b|already\s+(?:been\s+)?(?:taken|in use|used|exists|registered|logged in|in the (?:room|chat))|\bin use\b|not available|\bunavailable|not allowed|tidak diizinkan|(?:sudah|sedang|telah)\s+(?:dipakai|digunakan|diambil|terdaftar)|sudah ada yang (?:pakai|memakai|menggunakan)|(?<!\b(?:tidak|tak|bukan)\s+(?:ada\s+)?(?:yang\s+)?)\bsalah\b(?!\s+satu)|gagal\s+(?:masuk|bergabung|login|join)|(?:login|autentikasi|authentication|otentikasi)\s+(?:gagal|failed))`,
};

// The step kinds in the order messages list them.
export const stepKindOrder = [
  'start',
  'join',
  'send',
  'expect',
  'refute',
  'rejected',
  'wire',
  'stop',
  'restart',
  'quit',
  'any',
  'fault',
  'burst',
  'delivered',
  'unreadable',
  'file',
  'received',
  'probe',
  'crowd',
  'sever',
  'connect',
  'send-bytes',
  'echoed',
  'closed',
  'half-close',
  'reset',
  'http',
] as const satisfies readonly StepKind[];
