import { describe, expect, test } from 'vitest';
import { renderHtml } from '../../harness/report/html/render-html.js';
import { loadFixtures } from './fixture-results.js';

async function renderPages(): Promise<Map<string, string>> {
  const { results, summary } = await loadFixtures();
  return new Map(renderHtml(results, summary).map((file) => [file.path, file.text]));
}

function page(pages: Map<string, string>, path: string): string {
  const text = pages.get(path);
  if (text === undefined) throw new Error(`no page ${path}`);
  return text;
}

describe('renderHtml', () => {
  test('writes index.html and a page per submission', async () => {
    const pages = await renderPages();
    expect([...pages.keys()]).toEqual([
      'index.html',
      'alice-full/index.html',
      'bob-partial/index.html',
      'dave-late/index.html',
      'mallory-hostile/index.html',
    ]);
  });

  test('the class page has both charts, the seed, the isolation and a sortable table linking each submission', async () => {
    const html = page(await renderPages(), 'index.html');
    expect(html).toContain('data-chart="histogram"');
    expect(html).toContain('data-chart="pass-rate"');
    expect(html).toContain('<dt>Seed</dt><dd>a3f9c2e1</dd>');
    expect(html).toContain('<dt>Isolation</dt><dd>none</dd>');
    expect(html).toContain('<table id="submissions" data-sortable>');
    expect(html).toContain('<a href="bob-partial/index.html">bob-partial</a>');
  });

  test('a submission page has each verdict, expected/observed, transcript, a sequence diagram and replay commands', async () => {
    const html = page(await renderPages(), 'bob-partial/index.html');
    expect(html.match(/<section class="criterion /g)).toHaveLength(7);
    expect(html).toContain('<dt>Expected</dt><dd>bob&#39;s link carries at least 8 bytes down');
    expect(html).toContain('<pre class="transcript">');
    expect(html).toContain('data-chart="sequence"');
    expect(html).toContain(
      '<code>sockgrade grade submissions/2024-udp/bob-partial --rubric rubrics/udp-chat.yaml --seed a3f9c2e1 --only M2 --out reports-replay/bob-partial</code></div><p class="replay-note">its reports go to reports-replay/bob-partial, a folder of its own: no other report changes</p>',
    );
    expect(html).not.toContain('--only M1<');
    expect(html).toContain('<a href="../index.html">← class report</a>');
  });

  test('hostile text renders as text: no script, iframe or attribute escapes from student data', async () => {
    const html = page(await renderPages(), 'mallory-hostile/index.html');
    expect(html).not.toMatch(/<script|<iframe|<img|<b>|<h1>injected/i);
    expect(html).not.toContain('" onmouseover="alert(3)');
    expect(html).toContain('&lt;script&gt;alert(document.cookie)&lt;/script&gt;');
    expect(html).toContain('&lt;iframe src=&quot;https://example.invalid&quot;&gt;&lt;/iframe&gt;');
    expect(html).toContain('<span class="ctl">\\x1b</span>[31mERROR');
    expect(html).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/);
  });

  test('every page forbids fetching anything and runs only its own script, by hash', async () => {
    const pages = await renderPages();
    for (const [path, html] of pages) {
      expect(html, path).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
      expect(html, path).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
    const scripts = page(pages, 'index.html').match(/<script>/g) ?? [];
    expect(scripts).toHaveLength(1);
    expect(page(pages, 'index.html')).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(page(pages, 'bob-partial/index.html')).toContain("script-src 'none'");
  });
});
