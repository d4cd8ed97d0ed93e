const leadingFlags = /^\(\?([ims]+)\)/;

// Compiles a rubric regex; a leading "(?i)" (also m, s) becomes a JS flag, since JS has no inline flags.
export function compilePattern(src: string): RegExp {
  const flags = leadingFlags.exec(src);
  return flags?.[1] ? new RegExp(src.slice(flags[0].length), flags[1]) : new RegExp(src);
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
