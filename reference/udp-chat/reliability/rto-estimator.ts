import { timing } from '../settings.js';

// The retransmission timeout of RFC 6298: a smoothed round-trip time plus four deviations,
// clamped to [minRtoMs, maxRtoMs]. Only first transmissions are sampled (Karn's rule).
export class RtoEstimator {
  private smoothed: number | undefined;
  private deviation = 0;

  get currentMs(): number {
    if (this.smoothed === undefined) return timing.initialRtoMs;
    const rto = this.smoothed + 4 * this.deviation;
    return Math.min(timing.maxRtoMs, Math.max(timing.minRtoMs, rto));
  }

  sample(rttMs: number): void {
    if (this.smoothed === undefined) {
      this.smoothed = rttMs;
      this.deviation = rttMs / 2;
      return;
    }
    this.deviation = 0.75 * this.deviation + 0.25 * Math.abs(this.smoothed - rttMs);
    this.smoothed = 0.875 * this.smoothed + 0.125 * rttMs;
  }
}
