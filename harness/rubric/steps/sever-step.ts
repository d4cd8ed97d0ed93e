import { actorName } from '../schema-fields.js';
import { defineStep } from './define-step.js';

// Cuts a client's link at the proxy, abruptly.
export interface SeverStep {
  readonly kind: 'sever';
  readonly link: string;
  readonly line: number;
}

export const severStep = defineStep(
  'sever',
  actorName.describe("Cuts a client's link abruptly: TCP connections are reset (RST), UDP datagrams go nowhere"),
  {
    normalize: (doc, { line }): SeverStep => ({ kind: 'sever', link: doc, line }),
    uses: (doc) => [{ role: 'joined', actor: doc, path: [] }],
  },
);
