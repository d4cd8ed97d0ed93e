import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runSockgrade, repoRoot } from '../helpers/cli.js';

// A rubric's truth is only worth something if breaking the reference breaks calibration, and
// says which criterion noticed.
describe('calibrate with a reference broken on purpose', () => {
  it('fails and names the criterion whose guarantee was switched off', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sockgrade-broken-reference-'));
    const reference = path.join(dir, 'reference');
    cpSync(path.join(repoRoot, 'reference', 'udp-chat', 'sockgrade.yaml'), path.join(reference, 'sockgrade.yaml'), {
      recursive: true,
    });
    const manifest = readFileSync(path.join(reference, 'sockgrade.yaml'), 'utf8').replace(
      /^server: /m,
      'server: SOCKGRADE_REFERENCE_BREAK=integrity ',
    );
    writeFileSync(path.join(reference, 'sockgrade.yaml'), manifest);
    mkdirSync(path.join(dir, 'no-examples'));
    const rubric = readFileSync(path.join(repoRoot, 'rubrics', 'udp-chat.yaml'), 'utf8');
    const o8 = rubric.slice(rubric.indexOf('  - id: O8'), rubric.indexOf('  - id: O9'));
    const head = rubric.slice(0, rubric.indexOf('criteria:')).replace(/^reference: .*$/m, `reference: ${reference}`);
    writeFileSync(path.join(dir, 'rubric.yaml'), `${head}criteria:\n${o8.replace(/^ *requires:.*\n/m, '')}`);

    const result = await runSockgrade([
      'calibrate',
      '--rubric',
      path.join(dir, 'rubric.yaml'),
      '--examples',
      path.join(dir, 'no-examples'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^NOT calibrated \(1 difference\(s\)/m);
    expect(result.stdout).toMatch(/^ {2}reference O8: expected every automatable point, got fail: Expected /m);
  }, 120_000);
});
