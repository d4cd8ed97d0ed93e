import { execa } from 'execa';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runSockgrade } from '../helpers/cli.js';

const fixture = path.join(repoRoot, 'test/fixtures/programs/quick-udp');
const scratch = mkdtempSync(path.join(tmpdir(), 'sockgrade-progress-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('live progress', () => {
  it('grade under CI=true prints plain progress: lines while the batch runs', async () => {
    const copies = ['s1', 's2', 's3', 's4'].map((name) => {
      const dir = path.join(scratch, name);
      cpSync(path.join(fixture, 'ready'), dir, { recursive: true });
      return dir;
    });
    const result = await runSockgrade(
      [
        'grade',
        ...copies,
        '--rubric',
        path.join(fixture, 'three.yaml'),
        '--out',
        path.join(scratch, 'out'),
        '--jobs',
        '2',
        '--format',
        'json',
      ],
      { timeoutMs: 120_000, env: { CI: 'true' } },
    );
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr.split('\n');
    const progress = lines.filter((line) => line.startsWith('progress:'));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    for (const line of progress) {
      expect(line).toMatch(
        /^progress: \d+\/12 criteria, [0-4]\/4 submissions, \d+s elapsed, (about (\d+h)?\d+[sm] left|finishing)$/,
      );
    }
    // The first comes with the first verdict, before the last submission's line.
    expect(lines.indexOf(progress[0] ?? '')).toBeLessThan(lines.findIndex((line) => line.startsWith('[4/4]')));
  });

  it("check prints a criterion's verdict on stderr the moment it is decided, before the report", async () => {
    // One run at a time: Q2 and Q3 are still to run when Q1's line appears.
    const subprocess = execa(
      process.execPath,
      [
        path.join(repoRoot, 'dist', 'harness', 'main.js'),
        'check',
        path.join(fixture, 'ready'),
        '--rubric',
        path.join(fixture, 'three.yaml'),
        '--jobs',
        '1',
      ],
      { cwd: repoRoot, reject: false, timeout: 120_000, env: { NO_COLOR: '1' } },
    );
    let stdout = '';
    subprocess.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const seen = await new Promise<{ line: string; running: boolean; stdout: string }>((resolve, reject) => {
      let stderr = '';
      subprocess.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const line = stderr.split('\n').find((l) => l.startsWith('  ✓ Q1'));
        if (line !== undefined) resolve({ line, running: subprocess.exitCode === null, stdout });
      });
      subprocess.stderr.on('end', () => reject(new Error(`no Q1 line on stderr: ${stderr}`)));
    });
    expect(seen.line).toMatch(/^ {2}✓ Q1 {2}The server says it is ready +1\/1$/);
    expect(seen.running).toBe(true);
    expect(seen.stdout).toBe('');
    const result = await subprocess;
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^ {2}✓ Q1 {2}The server says it is ready +1\/1$/m);
  });
});
