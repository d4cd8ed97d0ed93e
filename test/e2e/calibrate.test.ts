import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { runSockgrade, repoRoot } from '../helpers/cli.js';
import { findLeftovers, uidRangeFromLog } from '../helpers/leftovers.js';

// udp-chat is calibrated by test/e2e/hostile-class.test.ts, whose one batch grades its reference
// and every example (the hostile ones among them) and checks far more around them.
const rubrics = readdirSync(path.join(repoRoot, 'rubrics')).filter((f) => f.endsWith('.yaml') && f !== 'udp-chat.yaml');

// Every shipped rubric calibrates: its reference earns every automatable point and every example
// that names it earns exactly its expected.yaml; and nothing a submission started survives.
describe.concurrent.each(rubrics)('sockgrade calibrate --rubric rubrics/%s', (rubric) => {
  it('holds, and leaves no student process behind', async () => {
    const result = await runSockgrade(['calibrate', '--rubric', path.join('rubrics', rubric)]);
    expect(result.stdout, `${result.stdout}\n${result.stderr}`).toMatch(/^calibrated: /m);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^calibrate [\w-]+: the reference and \d+ example\(s\), seed \w+, isolation \w+, student uids \d+–\d+$/m);
    expect(findLeftovers({ uids: uidRangeFromLog(result.stderr) })).toEqual([]);
  }, 900_000);
});
