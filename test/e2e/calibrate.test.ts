import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { runSockgrade, repoRoot } from '../helpers/cli.js';
import { leftoversOf } from '../helpers/leftovers.js';

// udp-chat is calibrated by test/e2e/hostile-class.test.ts, whose one batch grades its reference
// and every example (the hostile ones among them) and checks far more around them.
const rubrics = readdirSync(path.join(repoRoot, 'rubrics')).filter((f) => f.endsWith('.yaml') && f !== 'udp-chat.yaml');

// Verdict lines a rubric's calibration must print, read off the same graded batch: the echo
// servers of the teaching text (issue 13) differ in E4 alone, where a sequential server makes a
// second client wait behind one idle in mid-message, and thread-per-client, a pool and select() do not.
const mustShow: Readonly<Record<string, readonly RegExp[]>> = {
  'echo-tcp.yaml': [
    /^\[\d+\/\d+\]\s+echo-sequential\s+\d+\/100\s+E1✓ E2✓ E3✓ E4✗ E5✓ E6✓$/m,
    /^\[\d+\/\d+\]\s+echo-threaded\s+100\/100\s+E1✓ E2✓ E3✓ E4✓ E5✓ E6✓$/m,
    /^\[\d+\/\d+\]\s+echo-thread-pool\s+100\/100\s+E1✓ E2✓ E3✓ E4✓ E5✓ E6✓$/m,
    /^\[\d+\/\d+\]\s+echo-select\s+100\/100\s+E1✓ E2✓ E3✓ E4✓ E5✓ E6✓$/m,
  ],
};

// Every shipped rubric calibrates: its reference earns every automatable point and every example
// that names it earns exactly its expected.yaml; and nothing a submission started survives.
describe.concurrent.each(rubrics)('sockgrade calibrate --rubric rubrics/%s', (rubric) => {
  it('holds, and leaves no student process behind', async () => {
    const result = await runSockgrade(['calibrate', '--rubric', path.join('rubrics', rubric)]);
    expect(result.stdout, `${result.stdout}\n${result.stderr}`).toMatch(/^calibrated: /m);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^calibrate [\w-]+: the reference and \d+ example\(s\), seed \w+, isolation \w+, student uids \d+–\d+$/m,
    );
    for (const line of mustShow[rubric] ?? []) expect(result.stdout).toMatch(line);
    expect(leftoversOf(result)).toEqual([]);
  }, 900_000);
});
