// Timers and sizes of the protocol; PROTOCOL.md quotes these values.
export const timing = {
  initialRtoMs: 250,
  minRtoMs: 100,
  maxRtoMs: 2000,
  maxRetransmissions: 12,
  helloAttempts: 12,
  maxHelloIntervalMs: 1000,
  keepaliveMs: 10_000,
  serverIdleTimeoutMs: 45_000,
  quitFlushMs: 5_000,
  resetIntervalMs: 1_000,
  nameProbeMs: 2_000,
  stopFlushMs: 1_000,
} as const;

// Windows, sizes and caps; a peer that exceeds them is refused, not trusted.
export const limits = {
  sendWindow: 64,
  receiveWindow: 1024,
  maxTextBytes: 4096,
  maxNameLength: 32,
  fileChunkBytes: 1024,
  maxFileBytes: 16 * 1024 * 1024,
  historyReplay: 1000,
  maxSessions: 1024,
} as const;

// Ways to break the reference on purpose, so a test can prove the rubric notices:
// SOCKGRADE_REFERENCE_BREAK=integrity,retransmit,password,history (any subset).
export type BreakMode = 'integrity' | 'retransmit' | 'password' | 'history';

const breakModes: readonly BreakMode[] = ['integrity', 'retransmit', 'password', 'history'];

// The set of deliberate defects named in the environment; unknown names are an error.
export function readBreakModes(env: NodeJS.ProcessEnv): ReadonlySet<BreakMode> {
  const raw = env['SOCKGRADE_REFERENCE_BREAK'] ?? '';
  const modes = new Set<BreakMode>();
  for (const name of raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')) {
    const mode = breakModes.find((candidate) => candidate === name);
    if (mode === undefined) {
      throw new Error(`SOCKGRADE_REFERENCE_BREAK: unknown mode "${name}", expected some of ${breakModes.join(', ')}`);
    }
    modes.add(mode);
  }
  return modes;
}

// The room password: $CHAT_PASSWORD when set, else "123" as in the assignment.
export function readRoomPassword(env: NodeJS.ProcessEnv): string {
  return env['CHAT_PASSWORD'] ?? '123';
}
