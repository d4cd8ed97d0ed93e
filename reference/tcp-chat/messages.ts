import { printable } from '../shared/say.js';

// Every line the TCP chat prints or sends, in one place.

// Sent over the socket, without a newline, as the teaching text's server does.
export const usernamePrompt = 'Enter username: ';

// Server, once listening.
export function describeListening(address: string, port: number): string {
  return `server listening on tcp ${address}:${port}`;
}

// Server for each line, and what the others receive.
export function formatChatLine(name: string, text: string): string {
  return `${printable(name)}: ${printable(text)}`;
}

// Server and the other members when someone joins or leaves.
export function formatPresence(name: string, event: 'joined' | 'left'): string {
  return `* ${printable(name)} ${event}`;
}

// Sent to a connection whose name was accepted.
export function describeJoined(name: string): string {
  return `joined as ${printable(name)}`;
}

// Sent to a connection whose answer cannot be used, before asking again.
export const nameTaken = 'name already taken';
export const invalidName = 'invalid name (1 to 32 characters, no spaces, no ":")';
