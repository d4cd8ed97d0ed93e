import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { isNamespaceWrapper, listProcessTree, signalAll } from '../../harness/sandbox/process-tree.js';

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

// Starts a shell that starts a sleeping child of its own, and resolves once both are up.
async function startShellWithChild(): Promise<ChildProcess> {
  const child = spawn('/bin/sh', ['-c', 'sleep 20 & echo started; wait'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  started.push(child);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the shell did not start within 10 s')), 10_000);
    child.stdout?.on('data', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return child;
}

describe('listProcessTree', () => {
  it('lists a process first, then its descendants', async () => {
    const shell = await startShellWithChild();
    const tree = listProcessTree(shell.pid as number);
    expect(tree[0]).toBe(shell.pid);
    expect(tree).toHaveLength(2);
  });

  it('signalAll ends every process named, ignoring those already gone', async () => {
    const shell = await startShellWithChild();
    const tree = listProcessTree(shell.pid as number);
    const ended = new Promise((resolve) => shell.on('exit', (code, signal) => resolve(signal)));
    signalAll([...tree, 2 ** 22 + 7], 'SIGKILL');
    expect(await ended).toBe('SIGKILL');
  });
});

describe('isNamespaceWrapper', () => {
  it.runIf(process.getuid?.() === 0)('is true only for an unshare(1) process', async () => {
    const wrapper = spawn('unshare', ['--pid', '--fork', '--kill-child', 'sh', '-c', 'echo started; sleep 20'], {
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    started.push(wrapper);
    await new Promise<void>((resolve) => wrapper.stdout?.once('data', () => resolve()));
    expect(isNamespaceWrapper(wrapper.pid as number)).toBe(true);
    expect(isNamespaceWrapper(process.pid)).toBe(false);
    expect(isNamespaceWrapper(2 ** 22 + 7)).toBe(false);
  });
});
