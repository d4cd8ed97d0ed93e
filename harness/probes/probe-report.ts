// What sockgrade keeps of a probe's TAP output: one entry per test point, the counts, and what broke the contract.

// One top-level TAP test point. `skip` and `todo` hold the directive's reason ('' when none was given).
export interface ProbeTestPoint {
  readonly ok: boolean;
  readonly name: string;
  readonly skip?: string;
  readonly todo?: string;
  readonly diag?: Record<string, unknown>;
}

// `ok` is false on a failed point, a bail out, a plan that does not match, or no test point at all.
// A point with a SKIP or TODO directive counts as skipped, never as passed or failed.
export interface ProbeReport {
  readonly ok: boolean;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly tests: readonly ProbeTestPoint[];
  readonly bailout?: string;
  readonly notRead?: string; // the probe cannot read this submission ("1..0 # SKIP not read: …"): for the lecturer
  readonly problems: readonly string[];
}
