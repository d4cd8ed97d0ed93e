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

// The same limits as dash(1)'s ulimit builtin sets them (hard and soft, one per call, sizes in
// its units: KB of address space, 512-byte blocks of file), each required: a shell that refuses
// one exits 126 before it runs anything.
export function toDashUlimitScript(limits: Limits): string {
  const calls = [
    `ulimit -p ${limits.processes}`,
    `ulimit -v ${limits.memoryMb * 1024}`,
    `ulimit -t ${limits.cpuSeconds}`,
    `ulimit -f ${limits.fileSizeMb * 2048}`,
    'ulimit -c 0',
    'ulimit -n 256',
  ];
  return `${calls.join(' && ')} || exit 126`;
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
