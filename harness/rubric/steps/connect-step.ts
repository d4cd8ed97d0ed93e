import { actorName } from '../schema-fields.js';
import { defineStep } from './define-step.js';

// sockgrade's own client: opens a TCP connection or a UDP socket to the server through the proxy.
// Clients sockgrade plays itself, byte for byte, serve assignments whose client is not graded:
// echo servers, a greeting server.
export interface ConnectStep {
  readonly kind: 'connect';
  readonly as: string;
  readonly line: number;
}

export const connectStep = defineStep(
  'connect',
  actorName.describe('Opens a TCP connection (or a UDP socket) of its own to the server, through the proxy'),
  {
    normalize: (doc, { line }): ConnectStep => ({ kind: 'connect', as: doc, line }),
    uses: (doc) => [{ role: 'join', actor: doc, path: [] }],
  },
);
