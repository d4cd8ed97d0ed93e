import { describe, expect, it } from 'vitest';
import { detectIsolation } from '../../harness/sandbox/detect-isolation.js';

const isRoot = process.getuid?.() === 0;

describe('detectIsolation', () => {
  it('takes --isolation none at its word, and says so', async () => {
    expect(await detectIsolation('none')).toEqual({
      ok: true,
      plan: { mode: 'none', unsharePrefix: [], dropPrivileges: isRoot, note: 'chosen with --isolation none' },
    });
  });

  it.runIf(isRoot)('gives root mount, network and pid namespaces, with privileges dropped for students', async () => {
    expect(await detectIsolation('auto')).toEqual({
      ok: true,
      plan: {
        mode: 'netns',
        unsharePrefix: ['unshare', '--mount', '--net', '--pid', '--fork', '--kill-child', '--mount-proc'],
        dropPrivileges: true,
      },
    });
    expect(await detectIsolation('netns')).toMatchObject({ ok: true, plan: { mode: 'netns' } });
  });
});
