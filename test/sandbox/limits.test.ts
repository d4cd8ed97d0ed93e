import { describe, expect, it } from 'vitest';
import { defaultLimits, resolveLimits, toPrlimitArgs } from '../../harness/sandbox/limits.js';

describe('toPrlimitArgs', () => {
  it('turns the limits into prlimit(1) flags, sizes in bytes, no core files', () => {
    expect(toPrlimitArgs({ processes: 10, memoryMb: 256, cpuSeconds: 5, fileSizeMb: 1, outputKb: 64, submissionMb: 50 })).toEqual([
      '--nproc=10',
      '--as=268435456',
      '--cpu=5',
      '--fsize=1048576',
      '--core=0',
      '--nofile=256',
    ]);
  });
});

describe('resolveLimits', () => {
  it('fills what the rubric leaves out with the defaults', () => {
    expect(resolveLimits({})).toEqual(defaultLimits);
    expect(resolveLimits({ processes: 8, outputKb: undefined })).toEqual({ ...defaultLimits, processes: 8 });
  });
});
