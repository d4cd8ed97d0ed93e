// An HTTP response as a client reads it: status line, headers (names in lower case), body bytes.
export interface HttpResponse {
  readonly version: string;
  readonly status: number;
  readonly reason: string;
  readonly headers: ReadonlyMap<string, string>; // a repeated header keeps its first value
  readonly body: Buffer;
}

// Why bytes are not a response, in words for the student.
export type ParsedResponse =
  { readonly ok: true; readonly response: HttpResponse } | { readonly ok: false; readonly problem: string };

// Where the header block ends: the first empty line, "\r\n\r\n" or a bare "\n\n" (clients accept both).
export function findHeaderEnd(bytes: Buffer): { readonly start: number; readonly bodyStart: number } | undefined {
  const crlf = bytes.indexOf('\r\n\r\n', 0, 'latin1');
  const lf = bytes.indexOf('\n\n', 0, 'latin1');
  if (crlf === -1 && lf === -1) return undefined;
  if (lf !== -1 && (crlf === -1 || lf < crlf)) return { start: lf, bodyStart: lf + 2 };
  return { start: crlf, bodyStart: crlf + 4 };
}

// Reads a status line, header lines up to the first empty line, and the rest as the body, as
// lenient as browsers are about line ends and spaces, and no more.
export function parseHttpResponse(bytes: Buffer): ParsedResponse {
  const end = findHeaderEnd(bytes);
  if (end === undefined) {
    return { ok: false, problem: 'the headers never end: no empty line ("\\r\\n\\r\\n") separates them from the body' };
  }
  const [statusLine = '', ...lines] = bytes.subarray(0, end.start).toString('latin1').split(/\r?\n/);
  const status = /^HTTP\/(\d\.\d) +(\d{3})(?: +(.*))?$/.exec(statusLine.trimEnd());
  if (status === null) {
    return {
      ok: false,
      problem: `the first line is not a status line such as "HTTP/1.0 200 OK": ${JSON.stringify(statusLine.slice(0, 80))}`,
    };
  }
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0)
      return { ok: false, problem: `a header line has no "Name: value" form: ${JSON.stringify(line.slice(0, 80))}` };
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return {
    ok: true,
    response: {
      version: status[1] ?? '',
      status: Number(status[2]),
      reason: status[3] ?? '',
      headers,
      body: bytes.subarray(end.bodyStart),
    },
  };
}
