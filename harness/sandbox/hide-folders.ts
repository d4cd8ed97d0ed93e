import { existsSync } from 'node:fs';
import path from 'node:path';
import { isInside } from './is-inside.js';
import { runTool } from './run-tool.js';

// Inside the run's own mount namespace: covers folders a student's program has no business
// reading (the folder the class's submissions sit in) with empty tmpfs mounts, so one
// submission cannot read another's. A folder that holds what the run itself needs (its
// working copies, the stage, sockgrade) is left alone.
export async function hideFolders(folders: readonly string[], keep: readonly string[]): Promise<string[]> {
  const hidden: string[] = [];
  for (const folder of new Set(folders.map((f) => path.resolve(f)))) {
    if (!existsSync(folder) || folder === '/') continue;
    if (keep.some((needed) => isInside(needed, folder))) continue;
    const mounted = await runTool('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0755', 'sockgrade-hidden', folder]);
    if (mounted.code === 0) hidden.push(folder);
  }
  return hidden;
}

// Inside the run's own mount namespace: gives the run fresh, empty, world-writable (sticky)
// folders where programs leave things (/var/tmp, /dev/shm), so nothing outlives the run or
// reaches the host.
export async function privatizeFolders(folders: readonly string[]): Promise<void> {
  for (const folder of folders) {
    if (existsSync(folder))
      await runTool('mount', ['-t', 'tmpfs', '-o', 'size=64m,mode=1777', 'sockgrade-private', folder]);
  }
}
