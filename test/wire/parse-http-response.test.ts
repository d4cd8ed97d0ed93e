import { describe, expect, it } from 'vitest';
import { parseHttpResponse } from '../../harness/wire/parse-http-response.js';

const parse = (text: string) => parseHttpResponse(Buffer.from(text, 'latin1'));

describe('parseHttpResponse', () => {
  it('reads the status line, headers by lower-case name (first value kept) and the body bytes', () => {
    const parsed = parse(
      'HTTP/1.0 200 OK\r\nContent-Type: text/html\r\ncontent-length:  3 \r\nX-A: 1\r\nX-A: 2\r\n\r\nab\n',
    );
    expect(parsed.ok && parsed.response.status).toBe(200);
    expect(parsed.ok && parsed.response.reason).toBe('OK');
    expect(parsed.ok && [...parsed.response.headers]).toEqual([
      ['content-type', 'text/html'],
      ['content-length', '3'],
      ['x-a', '1'],
    ]);
    expect(parsed.ok && parsed.response.body.toString('latin1')).toBe('ab\n');
  });

  it('accepts bare "\\n" line ends and a status line without a reason, as browsers do', () => {
    const parsed = parse('HTTP/1.1 404\nContent-Length: 0\n\n');
    expect(parsed.ok && [parsed.response.version, parsed.response.status, parsed.response.body.length]).toEqual([
      '1.1',
      404,
      0,
    ]);
  });

  it('keeps a body that holds an empty line of its own whole', () => {
    const parsed = parse('HTTP/1.0 200 OK\r\n\r\n\r\n\r\nx');
    expect(parsed.ok && parsed.response.body.toString('latin1')).toBe('\r\n\r\nx');
  });

  it.each([
    [
      'HTTP/1.0 200 OK\r\nContent-Length: 2\r\n',
      'the headers never end: no empty line ("\\r\\n\\r\\n") separates them from the body',
    ],
    [
      '<html>hello</html>\r\n\r\n',
      'the first line is not a status line such as "HTTP/1.0 200 OK": "<html>hello</html>"',
    ],
    [
      'HTTP/1.0 200 OK\r\nContent-Length: 9\r\n<!DOCTYPE html>\n\n<p>',
      'a header line has no "Name: value" form: "<!DOCTYPE html>"',
    ],
  ])('says why %j is not a response', (text, problem) => {
    expect(parse(text)).toEqual({ ok: false, problem });
  });
});
