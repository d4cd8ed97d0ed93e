import { EventEmitter } from 'node:events';
import type { WireRecord } from '../model/result.js';

const headBytes = 64;
const payloadBudget = 32 * 1024 * 1024; // full bytes kept for checks such as "unreadable"

// Every datagram or segment that crossed the proxy in one run, in order.
export class WireLog extends EventEmitter {
  readonly records: WireRecord[] = [];
  readonly payloads: Buffer[] = []; // parallel to records, while the budget lasts
  private kept = 0;

  constructor(private readonly clock: () => number) {
    super();
  }

  // Records bytes that crossed a link, and tells anyone waiting.
  add(link: string, dir: 'up' | 'down', bytes: Buffer, fault?: string, n?: number): void {
    const record: WireRecord = {
      t: this.clock(),
      link,
      dir,
      ...(n === undefined ? {} : { n }),
      size: bytes.length,
      head: bytes.subarray(0, headBytes).toString('base64'),
      ...(fault ? { fault } : {}),
    };
    this.records.push(record);
    if (this.kept + bytes.length <= payloadBudget) {
      this.payloads.push(Buffer.from(bytes));
      this.kept += bytes.length;
    }
    this.emit('record', record);
  }
}
