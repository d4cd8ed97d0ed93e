import { createHash } from 'node:crypto';
import { escapeHtml } from '../../model/escape-text.js';
import { pageStyles } from './html-styles.js';

// The parts of one HTML page; the body is already-escaped markup.
export interface HtmlPage {
  readonly title: string;
  readonly body: string;
  readonly script?: string;
}

function hashScript(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

// A complete offline page whose CSP forbids every fetch and every script but our own, by hash.
export function wrapHtmlPage(page: HtmlPage): string {
  const scriptSource = page.script === undefined ? "'none'" : hashScript(page.script);
  const policy = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    'img-src data:',
    `script-src ${scriptSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<link rel="icon" href="data:,">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${pageStyles}</style>`,
    '</head>',
    '<body>',
    page.body,
    page.script === undefined ? '' : `<script>${page.script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
