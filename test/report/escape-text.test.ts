import { describe, expect, test } from 'vitest';
import { escapeHtml, escapeXml, revealControlChars, revealName } from '../../harness/model/escape-text.js';

const xmlInvalid =
  /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('revealControlChars', () => {
  test('shows escapes, bidi overrides and lone surrogates as visible escapes', () => {
    expect(revealControlChars('\x1b[31mred\x00\u202eevil \ud800!')).toBe('\\x1b[31mred\\x00\\u202eevil \\ud800!');
  });

  test('keeps tab, newline, emoji and surrogate pairs', () => {
    expect(revealControlChars('a\tb\nc ✓ 😀')).toBe('a\tb\nc ✓ 😀');
  });

  test('in single-line mode newlines and carriage returns show as \\n and \\r', () => {
    expect(revealControlChars('one\r\ntwo', true)).toBe('one\\r\\ntwo');
  });
});

describe('revealName', () => {
  test('puts a folder name on one line with ESC, BEL, tab, newline and bidi overrides shown as escapes', () => {
    expect(revealName('a\x1b[2J\x07\tb\nc\u202ed')).toBe('a\\x1b[2J\\x07\\x09b\\nc\\u202ed');
    expect(revealName('m2-no-forwarding')).toBe('m2-no-forwarding');
  });
});

describe('escapeHtml', () => {
  test('turns markup into text', () => {
    expect(escapeHtml(`<script>alert(1)</script> & "x" 'y'`)).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;',
    );
  });

  test('marks revealed control characters so they cannot pass for typed text', () => {
    expect(escapeHtml('a\x07b')).toBe('a<span class="ctl">\\x07</span>b');
  });
});

describe('escapeXml', () => {
  test('leaves nothing XML 1.0 forbids', () => {
    const hostile = '\x00\x01\x08\x0b\x0c\x1f\ufffe\uffff \ud800 \udc00 ]]> <a>';
    const escaped = escapeXml(hostile);
    expect(escaped).not.toMatch(xmlInvalid);
    expect(escaped).toContain(']]&gt; &lt;a&gt;');
  });
});
