// Source text as the similarity check sees it: tokens with their lines, every identifier one token
// (V) and every literal another (S for strings, N for numbers), keywords and punctuation as they
// are, comments and layout dropped. Renaming, re-indenting, re-commenting or changing messages
// leaves the token stream as it was.

// One token: what it is normalised to, and the line it starts on (1-based).
export interface Token {
  readonly text: string;
  readonly line: number;
}

const pythonKeywords = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield print self'.split(
    ' ',
  ),
);
const cKeywords = new Set(
  'auto break case char const continue default do double else enum extern float for goto if int long register return short signed sizeof static struct switch typedef union unsigned void volatile while include define NULL'.split(
    ' ',
  ),
);

// Which tokenizer a file needs, by its name; undefined for files that are not source code.
export function languageOf(file: string): 'python' | 'c' | undefined {
  if (/\.py$/i.test(file)) return 'python';
  if (/\.(c|h|cc|cpp|hpp)$/i.test(file)) return 'c';
  return undefined;
}

// Splits source into normalised tokens (see the file's head).
export function tokenizeSource(source: string, language: 'python' | 'c'): Token[] {
  const keywords = language === 'python' ? pythonKeywords : cKeywords;
  const tokens: Token[] = [];
  const pattern =
    language === 'python'
      ? /(#[^\n]*)|([rbuf]{0,2}("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'))|(\d[\w.]*)|([A-Za-z_]\w*)|(\n)|(\S)/gi
      : /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|(("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'))|(\d[\w.]*)|([A-Za-z_]\w*)|(\n)|(\S)/g;
  let line = 1;
  for (const match of source.matchAll(pattern)) {
    const [whole, comment, literal, , number, word, newline] = match;
    const at = line;
    line += (whole.match(/\n/g) ?? []).length;
    if (comment !== undefined || newline !== undefined) continue;
    if (literal !== undefined) tokens.push({ text: 'S', line: at });
    else if (number !== undefined) tokens.push({ text: 'N', line: at });
    else if (word !== undefined) tokens.push({ text: keywords.has(word) ? word : 'V', line: at });
    else tokens.push({ text: whole, line: at });
  }
  return tokens;
}
