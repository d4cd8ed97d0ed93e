import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectIsolation } from '../../harness/sandbox/detect-isolation.js';

const isRoot = process.getuid?.() === 0;
const hasBubblewrap = ['/usr/bin/bwrap', '/bin/bwrap'].some((file) => existsSync(file));

describe('detectIsolation', () => {
  it('takes --isolation none at its word, and says so', async () => {
    expect(await detectIsolation('none')).toEqual({
      ok: true,
      plan: {
        mode: 'none',
        sandbox: 'none',
        unsharePrefix: [],
        dropPrivileges: isRoot,
        note: 'chosen with --isolation none',
      },
    });
  });

  it.runIf(isRoot)('gives root mount, network and pid namespaces, with privileges dropped for students', async () => {
    expect(await detectIsolation('unshare')).toEqual({
      ok: true,
      plan: {
        mode: 'netns',
        sandbox: 'unshare',
        unsharePrefix: ['unshare', '--mount', '--net', '--pid', '--fork', '--kill-child', '--mount-proc'],
        dropPrivileges: true,
      },
    });
    expect(await detectIsolation('netns')).toMatchObject({ ok: true, plan: { mode: 'netns' } });
  });

  it.runIf(isRoot && hasBubblewrap)(
    'prefers bubblewrap where it is installed, and takes it when asked by name',
    async () => {
      expect(await detectIsolation('auto')).toMatchObject({
        ok: true,
        plan: { mode: 'netns', sandbox: 'bubblewrap', dropPrivileges: true },
      });
      expect(await detectIsolation('bubblewrap')).toMatchObject({ ok: true, plan: { sandbox: 'bubblewrap' } });
    },
  );
});
