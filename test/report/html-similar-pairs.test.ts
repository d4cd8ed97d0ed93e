import { describe, expect, it } from 'vitest';
import { renderSimilarPairs } from '../../harness/report/html/html-similar-pairs.js';

describe('renderSimilarPairs', () => {
  it('lists each pair with its score and the fragments side by side, student text escaped', () => {
    const html = renderSimilarPairs([
      {
        a: 'alice',
        b: 'bob<script>',
        score: 0.87,
        fragments: [
          {
            a: { file: 'server.py', firstLine: 3, lastLine: 4, text: 'def send(a):\n  x = "</pre>\x1b[2J"' },
            b: { file: 'server.py', firstLine: 5, lastLine: 6, text: 'def kirim(b):\n  y = 1' },
          },
        ],
      },
    ]);
    expect(html).toContain('<h2>Similar pairs</h2>');
    expect(html).toContain(
      '<a href="alice/index.html">alice</a> and <a href="bob%3Cscript%3E/index.html">bob&lt;script&gt;</a>: 87% of the code alike',
    );
    expect(html).toContain(
      '<div class="where">server.py:3–4</div><pre class="transcript">def send(a):\n  x = &quot;&lt;/pre&gt;<span class="ctl">\\x1b</span>[2J&quot;</pre>',
    );
    expect(html).toContain('no grade was changed');
  });

  it('renders nothing when no pair is alike', () => {
    expect(renderSimilarPairs([])).toBe('');
  });
});
