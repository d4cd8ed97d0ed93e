import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HttpStep } from '../../harness/rubric/steps/http-step.js';
import { describeHttpExpectation, judgeHttpResponse } from '../../harness/scenario/judge-http-response.js';
import type { RawExchange } from '../../harness/wire/http-exchange.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sockgrade-judge-http-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const page = path.join(dir, 'page.html');
writeFileSync(page, 'café\n'); // 5 characters, 6 bytes
const secret = path.join(dir, 'secret.txt');
writeFileSync(secret, 'top secret 42\n');

const step: HttpStep = {
  kind: 'http',
  request: 'GET /page.html HTTP/1.0\r\n\r\n',
  split: [8],
  pause: 400,
  clients: 1,
  status: [200],
  headers: { 'Content-Length': '^{length}$' },
  body: { file: page },
  lacks: secret,
  within: 5000,
  line: 1,
};

const answer = (text: string, end: RawExchange['end'] = 'closed'): RawExchange => ({
  bytes: Buffer.from(text, 'utf8'),
  end,
});

describe('judgeHttpResponse', () => {
  it('says in one line what the step asks', () => {
    expect(describeHttpExpectation(step)).toBe(
      "GET /page.html HTTP/1.0 (in 2 segments, 400 ms apart): status 200, Content-Length equal to the body's length in bytes, a body equal to page.html (6 bytes), a body without the content of secret.txt",
    );
  });

  it.each<[string, RawExchange, string | undefined]>([
    ['a right answer', answer('HTTP/1.0 200 OK\r\nContent-Length: 6\r\n\r\ncafé\n'), undefined],
    [
      'a length in characters',
      answer('HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\ncafé\n'),
      'Content-Length: 5, but the body has 6 bytes',
    ],
    [
      'no length',
      answer('HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\ncafé\n'),
      'no Content-Length header (headers: content-type)',
    ],
    ['another status', answer('HTTP/1.0 404 Not Found\r\n\r\nnope'), 'status 404 Not Found; body 4 bytes: "nope"'],
    [
      'a body cut short',
      answer('HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\ncaf'),
      "a body of 3 bytes that is the first 3 of the file's 6 bytes",
    ],
    [
      'the secret, even without headers',
      answer('top secret 42\n'),
      'the content of secret.txt, a file outside the folder served, in the answer: 14 bytes: "top secret 42\\n"',
    ],
    ['no answer', answer('', 'timeout'), 'no answer within 5 s'],
    [
      'a server that never finishes',
      answer('HTTP/1.0 200 OK\r\n\r\nca', 'timeout'),
      'the answer did not end within 5 s: the server neither closed the connection nor sent the whole Content-Length it announced; received 21 bytes: "HTTP/1.0 200 OK\\r\\n\\r\\nca"',
    ],
    [
      'a reset',
      { bytes: Buffer.alloc(0), end: 'reset', error: 'ECONNRESET' },
      'the server reset the connection without answering (ECONNRESET)',
    ],
  ])('judges %s', (_name, raw, problem) => {
    expect(judgeHttpResponse(step, raw, 5000)).toBe(problem);
  });
});
