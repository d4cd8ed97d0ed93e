import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compilePattern } from '../rubric/compile-pattern.js';
import type { HttpStep } from '../rubric/steps/http-step.js';
import { maxResponseBytes, type RawExchange } from '../wire/http-exchange.js';
import { parseHttpResponse } from '../wire/parse-http-response.js';
import { truncate } from './observe.js';

// What the step asks, in words: 'GET /index.html HTTP/1.0 (in 3 segments, 400 ms apart): status 200,
// Content-Length equal to the body's length in bytes, a body equal to index.html (425 bytes)'.
export function describeHttpExpectation(step: HttpStep): string {
  const line = truncate(step.request.split(/\r?\n/)[0] ?? '', 80);
  const sent = step.split.length === 0 ? '' : ` (in ${step.split.length + 1} segments, ${step.pause} ms apart)`;
  const parts = [
    ...(step.status ? [`status ${step.status.join(' or ')}`] : []),
    ...Object.entries(step.headers).map(([name, source]) =>
      source === '^{length}$' ? `${name} equal to the body's length in bytes` : `a ${name} header matching /${source}/`,
    ),
    ...(step.body && 'file' in step.body
      ? [`a body equal to ${path.basename(step.body.file)} (${readFileSync(step.body.file).length} bytes)`]
      : []),
    ...(step.body && 'pattern' in step.body ? [`a body matching /${step.body.pattern.source}/`] : []),
    ...(step.lacks ? [`a body without the content of ${path.basename(step.lacks)}`] : []),
  ];
  return `${line}${sent}: ${parts.length === 0 ? 'a well-formed response' : parts.join(', ')}`;
}

// The first way a response falls short of the step, or undefined when it meets every check.
export function judgeHttpResponse(step: HttpStep, raw: RawExchange, withinMs: number): string | undefined {
  if (raw.end === 'refused') return `the connection was refused (${raw.error ?? 'ECONNREFUSED'})`;
  if (raw.bytes.length === 0) {
    if (raw.end === 'timeout') return `no answer within ${withinMs / 1000} s`;
    return raw.end === 'reset'
      ? `the server reset the connection without answering (${raw.error ?? 'reset'})`
      : 'the server closed the connection without answering';
  }
  if (step.lacks) {
    // Looked for in everything received: a leak counts whether or not the response is well formed.
    const secret = readFileSync(step.lacks).toString('latin1').trim();
    if (secret !== '' && raw.bytes.toString('latin1').includes(secret)) {
      return `the content of ${path.basename(step.lacks)}, a file outside the folder served, in the answer: ${describeBytes(raw.bytes)}`;
    }
  }
  if (raw.end === 'overflow')
    return `more than ${maxResponseBytes / 1024 / 1024} MiB came back, so sockgrade stopped reading: ${describeBytes(raw.bytes)}`;
  if (raw.end === 'timeout') {
    return `the answer did not end within ${withinMs / 1000} s: the server neither closed the connection nor sent the whole Content-Length it announced; received ${describeBytes(raw.bytes)}`;
  }
  const parsed = parseHttpResponse(raw.bytes);
  if (!parsed.ok) return `${parsed.problem}; received ${describeBytes(raw.bytes)}`;
  const { response } = parsed;
  if (step.status && !step.status.includes(response.status))
    return `status ${response.status} ${response.reason}; body ${describeBytes(response.body)}`.replace(/ ;/, ';');
  for (const [name, source] of Object.entries(step.headers)) {
    const value = response.headers.get(name.toLowerCase());
    if (value === undefined) return `no ${name} header (headers: ${[...response.headers.keys()].join(', ') || 'none'})`;
    if (compilePattern(source.replaceAll('{length}', String(response.body.length))).test(value)) continue;
    const why = source.includes('{length}')
      ? `but the body has ${response.body.length} bytes`
      : `which does not match /${source}/`;
    return `${name}: ${value}, ${why}`;
  }
  if (step.body && 'file' in step.body) {
    const want = readFileSync(step.body.file);
    if (!want.equals(response.body))
      return `a body of ${response.body.length} bytes that ${firstDifference(want, response.body)}`;
  }
  if (step.body && 'pattern' in step.body && !step.body.pattern.test(response.body.toString('utf8'))) {
    return `a body that does not match: ${describeBytes(response.body)}`;
  }
  return undefined;
}

// Where two bodies part: "differs from byte 17 on (0x0d expected, 0x0a received)" or a length difference.
function firstDifference(want: Buffer, got: Buffer): string {
  const shorter = Math.min(want.length, got.length);
  for (let i = 0; i < shorter; i++) {
    if (want[i] !== got[i])
      return `differs from byte ${i} on (0x${hex(want[i])} expected, 0x${hex(got[i])} received; the file has ${want.length} bytes)`;
  }
  return got.length < want.length
    ? `is the first ${got.length} of the file's ${want.length} bytes`
    : `holds the file's ${want.length} bytes and ${got.length - want.length} more`;
}

function hex(byte: number | undefined): string {
  return (byte ?? 0).toString(16).padStart(2, '0');
}

// "37 bytes: "HTTP/1.0 404 …"" with control characters escaped, for a message.
export function describeBytes(bytes: Buffer): string {
  return `${bytes.length} bytes: ${truncate(JSON.stringify(bytes.subarray(0, 200).toString('latin1')), 160)}`;
}
