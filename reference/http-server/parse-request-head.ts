// The request line of an HTTP/1.x request head; the header lines are read past, not used.
export interface RequestLine {
  readonly method: string;
  readonly target: string;
  readonly version: string;
}

// Where a request head ends in a buffer (just past its empty line), or undefined while it has not
// all arrived. Lines may end in "\r\n" or a bare "\n", as RFC 9112 lets a server accept.
export function findHeadEnd(bytes: Buffer): number | undefined {
  const crlf = bytes.indexOf('\r\n\r\n', 0, 'latin1');
  const lf = bytes.indexOf('\n\n', 0, 'latin1');
  if (lf !== -1 && (crlf === -1 || lf < crlf)) return lf + 2;
  return crlf === -1 ? undefined : crlf + 4;
}

// Reads the request line of a complete head; undefined when it is not "METHOD target HTTP/x.y".
export function parseRequestLine(head: Buffer): RequestLine | undefined {
  const line = head.toString('latin1').split(/\r?\n/)[0] ?? '';
  const match = /^([A-Z]+) (\S+) HTTP\/(\d\.\d)$/.exec(line);
  if (!match) return undefined;
  return { method: match[1] ?? '', target: match[2] ?? '', version: match[3] ?? '' };
}
