// Each run's programs get a uid of their own, so the per-uid process limit (RLIMIT_NPROC)
// counts only that run's processes, and runs cannot signal or read each other.
const base = 200_000 + (process.pid % 500) * 1000;
let next = 0;

// The next unprivileged uid for a run, or undefined when the harness is not root (the user
// namespace's own uid is then already unprivileged).
export function allocateUid(dropPrivileges: boolean): number | undefined {
  if (!dropPrivileges) return undefined;
  const uid = base + (next % 1000);
  next++;
  return uid;
}
