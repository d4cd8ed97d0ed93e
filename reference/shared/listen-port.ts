// The port a reference server binds: $PORT when set (0 asks the system for a free one), else 9999
// as in the assignment. Throws on a value that is not a port, with the value in the message.
export function readListenPort(env: NodeJS.ProcessEnv): number {
  const raw = env['PORT'];
  if (raw === undefined || raw.trim() === '') return 9999;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a number from 0 to 65535, got "${raw}"`);
  }
  return port;
}

// The address a reference server binds: $HOST when set, else every IPv4 interface.
export function readListenHost(env: NodeJS.ProcessEnv): string {
  const raw = env['HOST'];
  return raw === undefined || raw.trim() === '' ? '0.0.0.0' : raw.trim();
}

// Parses the answer to a "Port: " prompt; undefined when it is not a port number.
export function parsePort(answer: string): number | undefined {
  const text = answer.trim();
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}
