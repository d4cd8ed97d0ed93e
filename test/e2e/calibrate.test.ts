import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { runSockgrade, repoRoot } from '../helpers/cli.js';
import { findLeftovers, uidRangeOf } from '../helpers/leftovers.js';

const rubrics = readdirSync(path.join(repoRoot, 'rubrics')).filter((f) => f.endsWith('.yaml'));

// Every shipped rubric calibrates: its reference earns every automatable point and every example
// that names it earns exactly its expected.yaml; and nothing a submission started survives.
describe.concurrent.each(rubrics)('sockgrade calibrate --rubric rubrics/%s', (rubric) => {
  it('holds, and leaves no student process behind', async () => {
    const result = await runSockgrade(['calibrate', '--rubric', path.join('rubrics', rubric)]);
    expect(result.stdout, `${result.stdout}\n${result.stderr}`).toMatch(/^calibrated: /m);
    expect(result.code).toBe(0);
    expect(findLeftovers({ uids: uidRangeOf(result.pid as number) })).toEqual([]);
  }, 900_000);
});
