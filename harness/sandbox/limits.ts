// The resource limits put on every student process, as the rubric sets them.
export interface Limits {
  readonly processes: number;
  readonly memoryMb: number;
  readonly cpuSeconds: number;
  readonly fileSizeMb: number;
  readonly outputKb: number;
  readonly submissionMb: number; // the submission as handed in, by apparent size: larger is refused, not copied
}

export const defaultLimits: Limits = {
  processes: 256,
  memoryMb: 2048,
  cpuSeconds: 30,
  fileSizeMb: 16,
  outputKb: 1024,
  submissionMb: 50,
};

// prlimit(1) arguments for these limits; output volume is enforced by the actor, not the kernel.
export function toPrlimitArgs(limits: Limits): string[] {
  return [
    `--nproc=${limits.processes}`,
    `--as=${limits.memoryMb * 1024 * 1024}`,
    `--cpu=${limits.cpuSeconds}`,
    `--fsize=${limits.fileSizeMb * 1024 * 1024}`,
    '--core=0',
    '--nofile=256',
  ];
}

// The rubric's limits, with the defaults for what it leaves out.
export function resolveLimits(partial: { readonly [K in keyof Limits]?: number | undefined }): Limits {
  return {
    processes: partial.processes ?? defaultLimits.processes,
    memoryMb: partial.memoryMb ?? defaultLimits.memoryMb,
    cpuSeconds: partial.cpuSeconds ?? defaultLimits.cpuSeconds,
    fileSizeMb: partial.fileSizeMb ?? defaultLimits.fileSizeMb,
    outputKb: partial.outputKb ?? defaultLimits.outputKb,
    submissionMb: partial.submissionMb ?? defaultLimits.submissionMb,
  };
}
