import type { SimilarPair } from '../../model/similar-pair.js';
import { escapeHtml } from '../../model/escape-text.js';
import { linkSubmissionPage } from './html-class-page.js';

// The class page's "Similar pairs" section: each pair with its score and, folded, the matching
// fragments side by side. It flags for a person to look; it changes no grade.
export function renderSimilarPairs(pairs: readonly SimilarPair[]): string {
  if (pairs.length === 0) return '';
  const link = (submission: string): string =>
    `<a href="${escapeHtml(linkSubmissionPage(submission))}">${escapeHtml(submission, true)}</a>`;
  const items = pairs.map((pair) => {
    const fragments = pair.fragments.map((fragment) => {
      const side = (excerpt: SimilarPair['fragments'][number]['a']): string =>
        `<div><div class="where">${escapeHtml(`${excerpt.file}:${excerpt.firstLine}–${excerpt.lastLine}`, true)}</div><pre class="transcript">${escapeHtml(excerpt.text)}</pre></div>`;
      return `<div class="side-by-side">${side(fragment.a)}${side(fragment.b)}</div>`;
    });
    return (
      `<details class="similar-pair"><summary>${link(pair.a)} and ${link(pair.b)}: ${Math.round(pair.score * 100)}% of the code alike</summary>` +
      `${fragments.join('')}</details>`
    );
  });
  return (
    '<section class="panel" id="similar"><h2>Similar pairs</h2>' +
    '<p>These submissions share much code once names, literals, comments and layout are set aside. ' +
    'It is a reason to look, not a finding: no grade was changed.</p>' +
    `${items.join('\n')}</section>`
  );
}
