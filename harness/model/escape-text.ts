// Student output is hostile input: every format passes it through these before printing it.

// Characters that would corrupt a report or hide what is really there: C0/C1 controls but tab and
// newline, DEL, bidirectional overrides, BOM, non-characters, and lone UTF-16 surrogates.
const hiddenCharacter =
  /[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// The same, newline included: for text that must stay on one line, such as a transcript line.
const hiddenOrNewline =
  /[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function describeCodeUnit(character: string): string {
  if (character === '\n') return '\\n';
  if (character === '\r') return '\\r';
  const code = character.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

// Shows hidden characters as escapes ("\x1b", "\u202e"); singleLine also shows newlines ("\n").
export function revealControlChars(text: string, singleLine = false): string {
  return text.replace(singleLine ? hiddenOrNewline : hiddenCharacter, describeCodeUnit);
}

// A folder name as printed anywhere: students choose these, so every hidden character, tab and newline shows as an escape.
export function revealName(name: string): string {
  return revealControlChars(name, true).replace(/\t/g, '\\x09');
}

const markupEntities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeMarkupOnly(text: string): string {
  return text.replace(/[&<>"']/g, (character) => markupEntities[character] ?? character);
}

// Escapes text for XML 1.0 text or attributes; characters XML cannot hold are revealed first.
export function escapeXml(text: string): string {
  return escapeMarkupOnly(revealControlChars(text));
}

// Escapes text for HTML text or quoted attributes; hidden characters show as marked escapes.
export function escapeHtml(text: string, singleLine = false): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(singleLine ? hiddenOrNewline : hiddenCharacter)) {
    const index = match.index;
    html += escapeMarkupOnly(text.slice(last, index));
    html += `<span class="ctl">${escapeMarkupOnly(describeCodeUnit(match[0]))}</span>`;
    last = index + match[0].length;
  }
  return html + escapeMarkupOnly(text.slice(last));
}
