import { encodeFrame, isReliable, type Frame, type FrameBody } from '../wire/frame.js';
import { limits, timing } from '../settings.js';
import { RtoEstimator } from './rto-estimator.js';

// What a channel needs from its owner: a way to put a plaintext frame on the wire, a place to
// hand frames once they are in order, and word when the peer stops answering.
export interface ChannelOwner {
  transmit(plaintext: Buffer): void;
  deliver(body: FrameBody): void;
  unreachable(): void;
}

interface Outstanding {
  readonly seq: number;
  readonly body: FrameBody;
  readonly settle: (acked: boolean) => void;
  sentAt: number;
  retransmissions: number;
  rtoMs: number;
  timer: NodeJS.Timeout | undefined;
}

// Reliable, ordered, duplicate-free delivery of frames over datagrams, one direction pair per
// session: selective-repeat with a send window, a per-frame retransmission timer with
// exponential backoff, individual and cumulative acknowledgements, and a reorder buffer.
export class ReliableChannel {
  private nextSeq = 0;
  private expectedSeq = 0;
  private readonly inFlight = new Map<number, Outstanding>();
  private readonly queued: Outstanding[] = [];
  private readonly reorder = new Map<number, FrameBody>();
  private readonly rto = new RtoEstimator();
  private readonly drainWaiters: (() => void)[] = [];
  private closed = false;
  lastSentAt = Date.now();

  constructor(
    private readonly owner: ChannelOwner,
    private readonly retransmit = true,
  ) {}

  // Queues a reliable frame; the promise says whether the peer acknowledged it (false when the
  // channel closed or the peer became unreachable first).
  send(body: FrameBody): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((settle) => {
      this.queued.push({
        seq: this.nextSeq++,
        body,
        settle,
        sentAt: 0,
        retransmissions: 0,
        rtoMs: 0,
        timer: undefined,
      });
      this.pump();
    });
  }

  // Handles one decoded frame from the peer.
  receive(frame: Frame): void {
    if (this.closed) return;
    this.acknowledgeBelow(frame.ack);
    if (!isReliable(frame.body)) {
      this.acknowledge(frame.seq);
      return;
    }
    const { seq } = frame;
    const fresh = seq >= this.expectedSeq && seq < this.expectedSeq + limits.receiveWindow && !this.reorder.has(seq);
    if (seq >= this.expectedSeq + limits.receiveWindow) return;
    if (fresh) this.reorder.set(seq, frame.body);
    const ready: FrameBody[] = [];
    for (let body = this.reorder.get(this.expectedSeq); body !== undefined; body = this.reorder.get(this.expectedSeq)) {
      this.reorder.delete(this.expectedSeq);
      this.expectedSeq++;
      ready.push(body);
    }
    this.owner.transmit(encodeFrame(seq, this.expectedSeq, { kind: 'ack' }));
    for (const body of ready) {
      if (this.closed) return;
      this.owner.deliver(body);
    }
  }

  // Resolves once every frame sent so far has been acknowledged (or the channel closed).
  drained(): Promise<void> {
    if (this.closed || (this.inFlight.size === 0 && this.queued.length === 0)) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  // The frames not yet acknowledged, oldest first.
  pendingBodies(): FrameBody[] {
    return [...[...this.inFlight.values()].sort((a, b) => a.seq - b.seq), ...this.queued].map((item) => item.body);
  }

  // Stops every timer and settles every pending send as unacknowledged.
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const item of [...this.inFlight.values(), ...this.queued]) {
      clearTimeout(item.timer);
      item.settle(false);
    }
    this.inFlight.clear();
    this.queued.length = 0;
    this.settleDrainWaiters();
  }

  private pump(): void {
    while (this.inFlight.size < limits.sendWindow) {
      const item = this.queued.shift();
      if (item === undefined) return;
      item.rtoMs = this.rto.currentMs;
      this.inFlight.set(item.seq, item);
      this.transmit(item);
    }
  }

  private transmit(item: Outstanding): void {
    item.sentAt = Date.now();
    this.lastSentAt = item.sentAt;
    this.owner.transmit(encodeFrame(item.seq, this.expectedSeq, item.body));
    item.timer = setTimeout(() => this.expire(item), item.rtoMs);
  }

  private expire(item: Outstanding): void {
    if (this.closed || this.inFlight.get(item.seq) !== item) return;
    if (item.retransmissions >= timing.maxRetransmissions) {
      this.close();
      this.owner.unreachable();
      return;
    }
    item.retransmissions++;
    item.rtoMs = Math.min(timing.maxRtoMs, item.rtoMs * 2);
    if (this.retransmit) this.transmit(item);
    else item.timer = setTimeout(() => this.expire(item), item.rtoMs);
  }

  private acknowledgeBelow(ack: number): void {
    for (const seq of [...this.inFlight.keys()]) if (seq < ack) this.acknowledge(seq);
  }

  private acknowledge(seq: number): void {
    const item = this.inFlight.get(seq);
    if (item === undefined) return;
    clearTimeout(item.timer);
    this.inFlight.delete(seq);
    if (item.retransmissions === 0) this.rto.sample(Date.now() - item.sentAt);
    item.settle(true);
    this.pump();
    if (this.inFlight.size === 0 && this.queued.length === 0) this.settleDrainWaiters();
  }

  private settleDrainWaiters(): void {
    for (const resolve of this.drainWaiters.splice(0)) resolve();
  }
}
