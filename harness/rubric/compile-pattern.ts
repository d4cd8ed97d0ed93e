// The one codec of a rubric's regexes, both ways: the rubric's text (a leading "(?i)", also m and
// s, for JS flags, since JS has no inline flags) and the compiled pattern. What crosses into the
// worker as text (the spec's rubric, an implementation's prompts and patterns) crosses in it.
const leadingFlags = /^\(\?([ims]+)\)/;

// Compiles a rubric regex.
export function compilePattern(src: string): RegExp {
  const flags = leadingFlags.exec(src);
  return flags?.[1] ? new RegExp(src.slice(flags[0].length), flags[1]) : new RegExp(src);
}

// A compiled pattern back in the rubric's text, which compilePattern turns into the same pattern.
export function patternSource(regex: RegExp): string {
  if (/[^ims]/.test(regex.flags)) throw new Error(`/${regex.source}/${regex.flags} has flags a rubric cannot write`);
  return `${regex.flags ? `(?${regex.flags})` : ''}${regex.source}`;
}

// Why a rubric regex does not compile, or undefined when it does.
export function explainBadPattern(src: string): string | undefined {
  try {
    compilePattern(src);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split(': ').pop() ?? error.message) : String(error);
    const inline = /.\(\?[a-z]+\)/.test(src) ? '; "(?i)" is only understood at the very start' : '';
    return `${reason}${inline}`;
  }
}
