import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runSockgrade } from '../helpers/cli.js';

const quick = path.join(repoRoot, 'test', 'fixtures', 'programs', 'quick-udp');
const scratch = mkdtempSync(path.join(tmpdir(), 'sockgrade-starter-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// The starter module the course hands out: long enough to make up most of each submission.
const starter = Array.from(
  { length: 40 },
  (_, i) =>
    `def field_${i}(packet, offset=${i}):\n    value = packet[offset] ^ ${i * 7}\n    return [value, offset + ${i}, len(packet) - ${i}]\n`,
).join('\n');

// Two students who wrote different servers around the same starter module.
function classWithStarter(): string[] {
  return ['ani', 'bayu'].map((name, i) => {
    const dir = path.join(scratch, 'class', name);
    cpSync(path.join(quick, 'ready'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'protocol.py'), starter);
    writeFileSync(
      path.join(dir, 'extra.py'),
      i === 0 ? 'import sys\nprint(sys.argv)\n' : 'for n in range(3):\n    print(n * n)\n',
    );
    return dir;
  });
}

async function similarPairs(rubric: string, submissions: readonly string[], out: string): Promise<unknown[]> {
  const result = await runSockgrade(['grade', ...submissions, '--rubric', rubric, '--out', out, '--format', 'json'], {
    timeoutMs: 90_000,
  });
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as { similar?: unknown[] }).similar ?? [];
}

describe("the rubric's starter code", () => {
  it('is not what makes two submissions alike', async () => {
    const submissions = classWithStarter();
    const course = path.join(scratch, 'course');
    mkdirSync(path.join(course, 'starter'), { recursive: true });
    writeFileSync(path.join(course, 'starter', 'protocol.py'), starter);
    const rubricText = readFileSync(path.join(quick, 'rubric.yaml'), 'utf8');
    writeFileSync(path.join(course, 'plain.yaml'), rubricText);
    writeFileSync(
      path.join(course, 'with-starter.yaml'),
      rubricText.replace('transport: udp\n', 'transport: udp\nstarter: starter\n'),
    );
    const [without, withStarter] = await Promise.all([
      similarPairs(path.join(course, 'plain.yaml'), submissions, path.join(scratch, 'out-plain')),
      similarPairs(path.join(course, 'with-starter.yaml'), submissions, path.join(scratch, 'out-starter')),
    ]);
    expect(without).toHaveLength(1); // the control: the shared module alone makes them alike
    expect(withStarter).toEqual([]);
  });
});
