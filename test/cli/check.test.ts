import { describe, expect, it } from 'vitest';
import { loadRubric } from '../../harness/rubric/load-rubric.js';
import { runSockgrade } from '../helpers/cli.js';

const rubricPath = 'rubrics/udp-chat.yaml';
const independent = ['M1', 'M2', 'M3']; // mandatory criteria that require no other: they run side by side

// Each CLI run once, shared by the tests that read it (they run concurrently).
const once = <T>(make: () => Promise<T>): (() => Promise<T>) => {
  let promise: Promise<T> | undefined;
  return () => (promise ??= make());
};
const fullMarks = once(() =>
  runSockgrade(
    [
      'check',
      'submissions/examples/udp-chat/full-marks',
      '--rubric',
      rubricPath,
      '--only',
      independent.join(','),
      '--seed',
      'cafe0001',
    ],
    { timeoutMs: 90_000 },
  ),
);
const serverSilent = once(() =>
  runSockgrade(
    [
      'check',
      'submissions/examples/udp-chat/m1-server-silent',
      '--rubric',
      rubricPath,
      '--only',
      'M1,M2',
      '--seed',
      'cafe0002',
    ],
    { timeoutMs: 90_000 },
  ),
);
const titles = once(async () => {
  const loaded = await loadRubric(rubricPath);
  if (!loaded.ok) throw new Error(`${rubricPath} should load`);
  return loaded.rubric.criteria;
});

describe.concurrent('sockgrade check', () => {
  it('passes the full-marks example: exit 0, one ✓ line per criterion, the score', async () => {
    const [result, criteria] = await Promise.all([fullMarks(), titles()]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('sockgrade check · udp-chat · full-marks');
    expect(lines[1]).toMatch(/^seed cafe0001 · isolation netns \((bubblewrap|unshare)\) · [\d.]+ m?s$/);
    const verdictLines = lines.filter((line) => /^ {2}\S /.test(line));
    expect(verdictLines).toHaveLength(independent.length);
    independent.forEach((id, i) => {
      const criterion = criteria.find((c) => c.id === id);
      expect(verdictLines[i]).toMatch(
        new RegExp(`^  ✓ ${id} +${escapeRegExp((criterion?.title ?? '').slice(0, 30))}.* 10/10$`),
      );
    });
    expect(result.stdout).toContain('Score: 30/30 (100%)');
  });

  it('fails m1-server-silent on M1: exit 1, what was expected and observed, the transcript and the hint', async () => {
    const [result, criteria] = await Promise.all([serverSilent(), titles()]);
    expect(result.code, result.stderr).toBe(1);
    const out = result.stdout;
    expect(out).toMatch(/^ {2}✗ M1 {2}The server prints the messages clients send +0\/10$/m);
    expect(out).toMatch(/^ {2}✓ M2 {2}.* 10\/10$/m);
    expect(out).toContain('Score: 10/20 (50%)');
    expect(out).toContain('✗ M1 The server prints the messages clients send (failed)');
    expect(out).toMatch(/^ {2}expected: server to print "[a-z0-9]{10}" within 5 s$/m);
    expect(out).toMatch(/^ {2}observed: server did not print it; last output:$/m);
    expect(out).toMatch(/^ {4}\+[\d.]+s server stdout Server listening on 0\.0\.0\.0:9999$/m);
    const hint = criteria.find((c) => c.id === 'M1')?.hint;
    expect(hint).toBeDefined();
    expect(out).toContain(`  hint: ${hint}`);
  });

  // A replay must run as printed: it names the rubric file, as given, not the rubric's name.
  it('prints a replay command for M1 that can be run as it stands', async () => {
    const result = await serverSilent();
    const replay = /^ {2}replay: (.*)$/m.exec(result.stdout)?.[1];
    expect(replay).toMatch(
      /^sockgrade grade \S*m1-server-silent --rubric \S*rubrics\/udp-chat\.yaml --seed cafe0002 --only M1 --out reports-replay\/m1-server-silent$/,
    );
  });

  // Criteria only a lecturer can grade cannot pass by themselves: they must not fail the check.
  it('exits 0 when every automatically graded criterion passes and the rest need manual grading', async () => {
    const result = await runSockgrade(
      [
        'check',
        'test/fixtures/programs/quick-udp/ready',
        '--rubric',
        'test/fixtures/programs/quick-udp/with-manual.yaml',
      ],
      { timeoutMs: 60_000 },
    );
    expect(result.stdout).toMatch(/^ {2}✓ Q1 {2}The server says it is ready +1\/1$/m);
    expect(result.stdout).toMatch(/^ {2}– Q2 {2}The application has a GUI +0\/1 needs manual grading$/m);
    expect(result.code).toBe(0);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
