import { corruptBytes, type FaultPlan } from './fault-plan.js';
import type { WireLog } from './wire-log.js';

const splitGapMs = 30;

// One direction of one link through the proxy: every packet is recorded, then the armed faults
// decide whether it is dropped, corrupted, duplicated, held back, delayed, split or merged.
// Datagram faults (drop, duplicate, reorder) apply to UDP; split and coalesce to TCP streams.
export class FaultyPath {
  private held: { bytes: Buffer; timer: NodeJS.Timeout } | undefined;
  private merging: { chunks: Buffer[]; timer: NodeJS.Timeout } | undefined;
  private stream: Promise<void> = Promise.resolve(); // a TCP link's bytes leave in order

  constructor(
    private readonly link: string,
    private readonly dir: 'up' | 'down',
    private readonly mode: 'datagram' | 'stream',
    private readonly plan: FaultPlan,
    private readonly log: WireLog,
    private readonly send: (bytes: Buffer) => void,
  ) {}

  // Takes one datagram (UDP) or one read (TCP) and passes it on as the faults say.
  pass(bytes: Buffer): void {
    const { kinds, delay, n } = this.plan.decide(this.link, this.dir, bytes.length);
    const datagram = this.mode === 'datagram';
    if (datagram && kinds.includes('drop')) {
      this.log.add(this.link, this.dir, bytes, 'dropped', n);
      return;
    }
    const notes: string[] = [];
    let out = bytes;
    if (kinds.includes('corrupt')) {
      const corrupted = corruptBytes(out);
      out = corrupted.bytes;
      notes.push(`corrupted (bit 0 of byte ${corrupted.at} flipped)`);
    }
    if (datagram && kinds.includes('duplicate')) notes.push('duplicated');
    if (datagram && kinds.includes('reorder')) notes.push(`held back up to ${delay} ms (reorder)`);
    if (kinds.includes('delay')) notes.push(`delayed ${delay} ms`);
    if (!datagram && kinds.includes('split')) notes.push('split into pieces');
    if (!datagram && kinds.includes('coalesce')) notes.push(`merged with what follows within ${delay} ms`);
    this.log.add(this.link, this.dir, out, notes.join(', ') || undefined, n);

    if (datagram && kinds.includes('reorder')) {
      this.releaseHeld();
      this.held = { bytes: out, timer: setTimeout(() => this.releaseHeld(), delay) };
      return;
    }
    const deliver = (): void => {
      if (!datagram && kinds.includes('coalesce')) return this.merge(out, delay);
      if (this.merging) return this.merge(out, 0);
      if (!datagram && kinds.includes('split')) this.sendInPieces(out);
      else this.emit(out);
      if (datagram && kinds.includes('duplicate')) this.emit(out);
      this.releaseHeld();
    };
    if (kinds.includes('delay') && datagram) setTimeout(deliver, delay);
    else if (kinds.includes('delay')) this.later(delay, deliver);
    else deliver();
  }

  // On a stream, runs an action after every earlier one, after a pause.
  private later(pauseMs: number, action: () => void): void {
    this.stream = this.stream.then(
      () => new Promise<void>((resolve) => setTimeout(() => (action(), resolve()), pauseMs)),
    );
  }

  private emit(bytes: Buffer): void {
    if (this.mode === 'datagram') this.send(bytes);
    else this.stream = this.stream.then(() => this.send(bytes));
  }

  // Runs an action once everything passed so far has left (a TCP half-close after the last bytes).
  afterAll(action: () => void): void {
    this.later(0, action);
  }

  // Sends anything still held back, as the run ends.
  flush(): void {
    this.releaseHeld();
    if (this.merging) {
      clearTimeout(this.merging.timer);
      this.flushMerge();
    }
  }

  private releaseHeld(): void {
    if (!this.held) return;
    clearTimeout(this.held.timer);
    const { bytes } = this.held;
    this.held = undefined;
    this.emit(bytes);
  }

  private merge(bytes: Buffer, delay: number): void {
    if (this.merging) {
      this.merging.chunks.push(bytes);
      return;
    }
    this.merging = { chunks: [bytes], timer: setTimeout(() => this.flushMerge(), delay) };
  }

  private flushMerge(): void {
    if (!this.merging) return;
    const merged = Buffer.concat(this.merging.chunks);
    this.merging = undefined;
    this.emit(merged);
  }

  private sendInPieces(bytes: Buffer): void {
    const cuts =
      bytes.length < 2
        ? [bytes.length]
        : [Math.ceil(bytes.length / 3), Math.ceil((2 * bytes.length) / 3), bytes.length];
    let start = 0;
    cuts.forEach((end, i) => {
      const piece = bytes.subarray(start, end);
      start = end;
      if (piece.length > 0) this.later(i === 0 ? 0 : splitGapMs, () => this.send(piece));
    });
  }
}
