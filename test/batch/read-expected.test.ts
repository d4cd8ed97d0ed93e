import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readExpected } from '../../harness/batch/read-expected.js';
import { loadRubric } from '../../harness/rubric/load-rubric.js';
import type { Rubric } from '../../harness/rubric/rubric.js';
import { repoRoot } from '../helpers/cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'sockgrade-expected-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function udpChat(): Promise<Rubric> {
  const loaded = await loadRubric(path.join(repoRoot, 'rubrics', 'udp-chat.yaml'));
  if (!loaded.ok) throw new Error('udp-chat.yaml does not load');
  return loaded.rubric;
}

function write(name: string, text: string): string {
  const file = path.join(scratch, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

describe('readExpected', () => {
  it('reads the verdicts an example must earn', async () => {
    const file = write('good', 'rubric: udp-chat\nnote: the server is silent\ncriteria:\n  M1: fail\n  M2: pass\n');
    expect(await readExpected(file, await udpChat())).toEqual({
      ok: true,
      rubric: 'udp-chat',
      criteria: { M1: 'fail', M2: 'pass' },
    });
  });

  it("explains every mistake at file:line:col, as a rubric's are", async () => {
    const file = write('bad', 'rubric: udp-chat\ncriteria:\n  M1: failed\n  M2: pass\nnotes: typo\n');
    expect(await readExpected(file, await udpChat())).toEqual({
      ok: false,
      errors: [
        `${file}:3:7 criteria.M1: expected one of "pass", "fail", "error", "blocked", "manual", "flaky", found "failed"; did you mean "fail"?`,
        `${file}:5:1 notes: unknown key, did you mean "note"?`,
      ],
    });
  });

  it('names a criterion the rubric does not have, with the closest one', async () => {
    const file = write('unknown', 'rubric: udp-chat\ncriteria:\n  M1: pass\n  O12: fail\n');
    expect(await readExpected(file, await udpChat())).toEqual({
      ok: false,
      errors: [`${file}:4:3 criteria.O12: udp-chat has no criterion "O12"; did you mean "O1"?`],
    });
  });

  it('leaves the criteria of another rubric to that rubric', async () => {
    const file = write('other', 'rubric: tcp-chat\ncriteria:\n  T1: pass\n');
    expect(await readExpected(file, await udpChat())).toMatchObject({ ok: true, rubric: 'tcp-chat' });
  });

  it('says when the file cannot be read or is not YAML', async () => {
    const missing = path.join(scratch, 'missing.yaml');
    expect(await readExpected(missing, await udpChat())).toEqual({ ok: false, errors: [`${missing}: no such file`] });
    const broken = write('broken', 'rubric: [udp-chat\n');
    const outcome = await readExpected(broken, await udpChat());
    expect(outcome.ok).toBe(false);
    if (!outcome.ok)
      expect(outcome.errors[0]).toMatch(new RegExp(`^${broken.replace(/[.]/g, '\\.')}:\\d+:\\d+ invalid YAML: `));
  });
});
