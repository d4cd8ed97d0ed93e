import { describe, expect, test } from 'vitest';
import {
  escapeMarkdown,
  formatCodeBlock,
  formatCodeSpan,
  renderClassMarkdown,
  renderSubmissionMarkdown,
} from '../../harness/report/formats/render-markdown.js';
import { hostileName, loadFixtures, pickResult } from './fixture-results.js';

// Markdown outside code, where raw HTML or markup would be interpreted.
function stripCode(markdown: string): string {
  return markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/(`+)[^`]*?\1/g, '');
}

describe('renderSubmissionMarkdown', () => {
  test('has a verdict table and explains each criterion not passed', async () => {
    const { results } = await loadFixtures();
    const markdown = renderSubmissionMarkdown(pickResult(results, 'bob-partial'));
    expect(markdown.split('\n')[0]).toBe('## ✗ bob-partial: 20/65 (31%)');
    expect(markdown).toContain('| ✓ | M1 | The server prints the messages clients send | 10/10 |');
    expect(markdown).toContain("### ✗ M2 The server forwards a client's message to the other clients: failed (0/10)");
    expect(markdown).toContain(
      '**Replay** (its reports go to reports-replay/bob-partial, a folder of its own: no other report changes): `sockgrade grade submissions/2024-udp/bob-partial --rubric rubrics/udp-chat.yaml --seed a3f9c2e1 --only M2 --out reports-replay/bob-partial`',
    );
    expect(markdown).toContain('<details><summary>Transcript (21 lines)</summary>');
    expect(markdown).not.toContain('### ✓ M1');
  });

  test('lists what staging skipped, and the sandbox that ran', async () => {
    const { results } = await loadFixtures();
    const result = pickResult(results, 'alice-full');
    const markdown = renderSubmissionMarkdown({
      ...result,
      harness: { ...result.harness, sandbox: 'bubblewrap' },
      notes: ['skipped debug.pipe (a FIFO): sockgrade copies only files, folders and links inside the submission'],
    });
    expect(markdown).toContain('isolation netns (bubblewrap)');
    expect(markdown).toContain(
      '\n- skipped debug.pipe (a FIFO): sockgrade copies only files, folders and links inside the submission\n',
    );
  });

  test('leaves hidden criteria out of a student comment when asked', async () => {
    const { results } = await loadFixtures();
    const markdown = renderSubmissionMarkdown(pickResult(results, 'bob-partial'), { includeHidden: false });
    expect(markdown).not.toContain('O1');
  });

  test('hostile text is inert: no raw HTML outside code, code fences longer than any backtick run', async () => {
    const { results } = await loadFixtures();
    const markdown = renderSubmissionMarkdown(pickResult(results, 'mallory-hostile'));
    const prose = stripCode(markdown);
    expect(prose).not.toMatch(/<script|<iframe|<b>|<h1>/i);
    expect(prose).toContain('&lt;b&gt;8d0e11&lt;/b&gt;');
    expect(markdown).toContain('````text');
    expect(markdown).not.toMatch(/[\x00-\x08\x0b-\x1f]/);
  });
});

describe('renderClassMarkdown', () => {
  test('lists pass rates per criterion and a line per submission', async () => {
    const { results, summary } = await loadFixtures();
    const markdown = renderClassMarkdown(results, summary);
    expect(markdown).toContain('## udp-chat: sockgrade class report');
    expect(markdown).toContain('4 submissions · mean 60% · seed `a3f9c2e1` · isolation none');
    expect(markdown).toContain(
      "| M2 | The server forwards a client's message to the other clients | 10 | 2/4 (50%) | 2 | 0 | 0 | 0 |",
    );
    expect(markdown).toContain('| dave-late | 55/65 | 85% | ✗ M3 |');
  });
});

describe('markdown helpers', () => {
  test('escapeMarkdown neutralises emphasis, links, tables and HTML on one line', () => {
    expect(escapeMarkdown('*a* [b](c) | <i>\nx')).toBe('\\*a\\* \\[b\\](c) \\| &lt;i&gt; x');
  });

  test('formatCodeSpan and formatCodeBlock outgrow backticks in the content', () => {
    expect(formatCodeSpan('a ``b`` c')).toBe('```a ``b`` c```');
    expect(formatCodeBlock(['````'])).toBe('`````text\n````\n`````');
  });

  test('shows control characters and a newline in a submission name as escapes, on one line', async () => {
    const { results, summary } = await loadFixtures();
    const evil = { ...pickResult(results, 'bob-partial'), submission: hostileName };
    expect(renderSubmissionMarkdown(evil).split('\n')[0]).toBe(
      '## ✗ evil\\\\x1b\\[2J\\\\x07na\\\\me\\\\nrm \\#1: 20/65 (31%)',
    );
    expect(renderClassMarkdown([evil], summary)).toContain('| evil\\\\x1b\\[2J\\\\x07na\\\\me\\\\nrm \\#1 | 20/65 |');
  });
});
