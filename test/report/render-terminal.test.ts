import { describe, expect, test } from 'vitest';
import { detectColor, renderTerminal } from '../../harness/report/formats/render-terminal.js';
import { hostileName, loadFixtures, pickResult } from './fixture-results.js';

describe('renderTerminal', () => {
  test('plain: a line per visible criterion with ✓/✗/– and points, then the score', async () => {
    const { results } = await loadFixtures();
    const text = renderTerminal(pickResult(results, 'bob-partial'), { color: false });
    const lines = text.split('\n');
    expect(text).not.toContain('\x1b');
    expect(lines[0]).toBe('sockgrade check · udp-chat · bob-partial');
    expect(lines).toContain('  ✓ M1  The server prints the messages clients send                        10/10');
    expect(lines).toContain("  ✗ M2  The server forwards a client's message to the other clients         0/10");
    expect(lines).toContain('  – M4  A client prints the messages of the other clients                   0/10 blocked');
    expect(lines).toContain('  ✗ M5  A wrong password is refused, and that client reaches no one         0/10 error');
    expect(lines).toContain('Score: 20/60 (33%)');
    expect(text).not.toMatch(/\bO1\b/);
  });

  test('plain: each failure shows expected, observed, transcript, hint and the replay command', async () => {
    const { results } = await loadFixtures();
    const text = renderTerminal(pickResult(results, 'bob-partial'), { color: false });
    const failure = text.slice(
      text.indexOf("✗ M2 The server forwards a client's message to the other clients (failed)"),
    );
    expect(failure).toContain(
      '  expected: bob\'s link carries at least 8 bytes down, or bob prints "4c21e8", within 5s',
    );
    expect(failure).toContain("  observed: 0 bytes down bob's link; 48 bytes down alice's link (the sender)");
    expect(failure).toContain('    +0.644s server stdout alice: halo 4c21e8');
    expect(failure).toContain(
      '  hint: When one client sends a message, the server must send it on to every other client in the room.',
    );
    expect(failure).toContain(
      '  replay: sockgrade grade submissions/2024-udp/bob-partial --rubric rubrics/udp-chat.yaml --seed a3f9c2e1 --only M2 --out reports-replay/bob-partial\n  (its reports go to reports-replay/bob-partial, a folder of its own: no other report changes)',
    );
  });

  test('colour: status marks are painted, and student escape codes never reach the terminal raw', async () => {
    const { results } = await loadFixtures();
    const text = renderTerminal(pickResult(results, 'mallory-hostile'), { color: true });
    expect(text).toContain('\x1b[32m✓\x1b[0m');
    expect(text).toContain('\x1b[31m✗\x1b[0m');
    expect(text).toContain('\\x1b[31mERROR');
    const withoutOurs = text.replace(/\x1b\[[0-9;]*m/g, '');
    expect(withoutOurs).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });

  test('detectColor follows the TTY, NO_COLOR, FORCE_COLOR and TERM=dumb', () => {
    expect(detectColor(true, {})).toBe(true);
    expect(detectColor(false, {})).toBe(false);
    expect(detectColor(true, { NO_COLOR: '1' })).toBe(false);
    expect(detectColor(true, { NO_COLOR: '' })).toBe(true);
    expect(detectColor(false, { FORCE_COLOR: '1' })).toBe(true);
    expect(detectColor(true, { TERM: 'dumb' })).toBe(false);
  });

  test('shows control characters and a newline in the submission name as escapes', async () => {
    const { results } = await loadFixtures();
    const text = renderTerminal({ ...pickResult(results, 'bob-partial'), submission: hostileName }, { color: false });
    expect(text.split('\n')[0]).toBe('sockgrade check · udp-chat · evil\\x1b[2J\\x07na\\me\\nrm #1');
    expect(text).not.toMatch(/[\x07\x1b]/);
  });
});
