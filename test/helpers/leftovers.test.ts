import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { bootTicksNow, leftoversOf } from './leftovers.js';

// A sockgrade run's block of uids is free once it has exited: a process another sockgrade started
// there afterwards is not a leftover of the run, one that started before the run ended is.
describe.skipIf(process.getuid?.() !== 0)('leftoversOf', () => {
  it('names a process of the run that outlived it, not one started in its uids after it ended', async () => {
    const uid = 699_990; // the last block's, far from the blocks that runs beside this one take first
    const stderr = `grade: 1 submission(s), student uids ${uid}–${uid}`;
    const spawnAs = async () => {
      const child = spawn('sleep', ['30'], { uid, gid: 65534, stdio: 'ignore' });
      await once(child, 'spawn');
      return child;
    };
    const outlived = await spawnAs();
    await waitForTick();
    const endedAtTicks = bootTicksNow();
    await waitForTick();
    const later = await spawnAs();
    try {
      const found = leftoversOf({ stderr, endedAtTicks });
      expect(found).toEqual([`${outlived.pid} uid=${uid} sleep 30`]);
    } finally {
      outlived.kill('SIGKILL');
      later.kill('SIGKILL');
    }
  });
});

// Until the clock of /proc/<pid>/stat has surely moved on (a tick is 10 ms on Linux).
async function waitForTick(): Promise<void> {
  const start = bootTicksNow();
  while (bootTicksNow() < start + 2) await new Promise((resolve) => setTimeout(resolve, 5));
}
