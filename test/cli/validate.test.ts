import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRubric } from '../../harness/rubric/load-rubric.js';
import { runSockgrade } from '../helpers/cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'sockgrade-cli-validate-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.concurrent('sockgrade validate', () => {
  it('says ok with the number of criteria and points for the bundled rubric, exit 0', async () => {
    const loaded = await loadRubric('rubrics/udp-chat.yaml');
    if (!loaded.ok) throw new Error('rubrics/udp-chat.yaml should load');
    const { criteria } = loaded.rubric;
    const points = criteria.reduce((sum, c) => sum + c.points, 0);
    const result = await runSockgrade(['validate', 'rubrics/udp-chat.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`ok  rubrics/udp-chat.yaml (${criteria.length} criteria, ${points} points)`);
  });

  it('says "1 criterion, 1 point" in the singular', async () => {
    const result = await runSockgrade(['validate', 'test/fixtures/programs/quick-udp/rubric.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('ok  test/fixtures/programs/quick-udp/rubric.yaml (1 criterion, 1 point)');
  });

  it('reports a mistake as file:line:col and exits 2', async () => {
    const bad = path.join(scratch, 'bad.yaml');
    writeFileSync(
      bad,
      'rubric: bad\ntitle: Broken\ntransport: udp\ncriteria:\n  - id: B1\n    title: x\n    points: ten\n    steps:\n      - start: server\n',
    );
    const result = await runSockgrade(['validate', 'test/fixtures/programs/quick-udp/rubric.yaml', bad]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('ok  test/fixtures/programs/quick-udp/rubric.yaml (1 criterion, 1 point)');
    expect(result.stdout).toContain(`${bad}:7:13 criteria[0].points: expected a number from 0 to 1000, found "ten"`);
  });
});
