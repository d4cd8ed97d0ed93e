import { describe, expect, it } from 'vitest';
import { defaultLimits, resolveLimits, toDashUlimitScript, toPrlimitArgs } from '../../harness/sandbox/limits.js';

describe('toPrlimitArgs', () => {
  it('turns the limits into prlimit(1) flags, sizes in bytes, no core files', () => {
    expect(
      toPrlimitArgs({ processes: 10, memoryMb: 256, cpuSeconds: 5, fileSizeMb: 1, outputKb: 64, submissionMb: 50 }),
    ).toEqual(['--nproc=10', '--as=268435456', '--cpu=5', '--fsize=1048576', '--core=0', '--nofile=256']);
  });
});

describe('toDashUlimitScript', () => {
  it("sets the same limits in dash's units, each required, exiting 126 when one is refused", () => {
    expect(
      toDashUlimitScript({
        processes: 10,
        memoryMb: 256,
        cpuSeconds: 5,
        fileSizeMb: 1,
        outputKb: 64,
        submissionMb: 50,
      }),
    ).toBe(
      'ulimit -p 10 && ulimit -v 262144 && ulimit -t 5 && ulimit -f 2048 && ulimit -c 0 && ulimit -n 256 || exit 126',
    );
  });
});

describe('resolveLimits', () => {
  it('fills what the rubric leaves out with the defaults', () => {
    expect(resolveLimits({})).toEqual(defaultLimits);
    expect(resolveLimits({ processes: 8, outputKb: undefined })).toEqual({ ...defaultLimits, processes: 8 });
  });
});
