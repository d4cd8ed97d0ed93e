import net from 'node:net';
import { findHeaderEnd } from './parse-http-response.js';

// How one request's exchange ended: the server closed (the HTTP/1.0 end of a response), reset the
// connection, went quiet after the whole Content-Length arrived, sent more than a response may
// hold, or the deadline passed; or the connection could not be made.
export type ExchangeEnd = 'closed' | 'reset' | 'quiet' | 'overflow' | 'timeout' | 'refused';

// What came back on one connection, as raw bytes.
export interface RawExchange {
  readonly bytes: Buffer;
  readonly end: ExchangeEnd;
  readonly error?: string; // the socket error's code, for reset and refused
}

export interface ExchangeOptions {
  readonly pauseMs: number; // between segments
  readonly withinMs: number; // to connect, and for the whole exchange; with a gate, counted again from when it opens
  readonly gate?: Promise<void>; // the segments after the first wait for it
  readonly connected?: () => void; // once the server's kernel has accepted the connection
  readonly record: (dir: 'up' | 'down', bytes: Buffer) => void;
}

// A server that keeps the connection open after a response of the announced length: how long the
// client waits for more before it takes the response as complete (a browser would not wait at all).
const quietMs = 250;

// A server that streams without end must not fill the grader's memory: reading stops past this.
export const maxResponseBytes = 16 * 1024 * 1024;

// Plays an HTTP client on a raw TCP socket: sends the request in its segments, pausing between
// them, and reads the response until the server closes, resets, goes quiet after the announced
// Content-Length, or the deadline passes. A server that answers before the whole request arrived
// is heard: the rest is not sent.
export function exchangeHttp(
  host: string,
  port: number,
  segments: readonly Buffer[],
  options: ExchangeOptions,
): Promise<RawExchange> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let finished = false;
    let deadline: NodeJS.Timeout | undefined;
    let quiet: NodeJS.Timeout | undefined;
    const socket = net.connect({ host, port });
    const finish = (end: ExchangeEnd, error?: string): void => {
      if (finished) return;
      finished = true;
      clearTimeout(deadline);
      clearTimeout(quiet);
      socket.destroy();
      resolve({ bytes: Buffer.concat(chunks), end, ...(error === undefined ? {} : { error }) });
    };
    const startDeadline = (): void => {
      clearTimeout(deadline);
      deadline = setTimeout(() => finish('timeout'), options.withinMs);
    };
    startDeadline();
    let received = 0;
    let complete: number | undefined; // the byte count that holds the headers and the announced body
    socket.on('data', (data: Buffer) => {
      chunks.push(data);
      options.record('down', data);
      received += data.length;
      if (received > maxResponseBytes) return finish('overflow');
      complete ??= announcedEnd(chunks, received);
      clearTimeout(quiet);
      if (complete !== undefined && received >= complete) quiet = setTimeout(() => finish('quiet'), quietMs);
    });
    socket.on('end', () => finish('closed'));
    socket.on('close', () => finish('closed'));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const connectedOnce = socket.bytesWritten > 0 || chunks.length > 0;
      finish(connectedOnce || error.code !== 'ECONNREFUSED' ? 'reset' : 'refused', error.code ?? error.message);
    });
    socket.once('connect', () => {
      // A held connection has no deadline while it waits for its gate; it starts again after.
      if (options.gate) clearTimeout(deadline);
      options.connected?.();
      void send();
    });
    const send = async (): Promise<void> => {
      for (const [index, segment] of segments.entries()) {
        if (index === 1 && options.gate) {
          await options.gate;
          startDeadline();
        } else if (index > 0) {
          await new Promise((wake) => setTimeout(wake, options.pauseMs));
        }
        if (finished || socket.destroyed || socket.writableEnded) return;
        socket.write(segment);
        options.record('up', segment);
      }
    };
  });
}

// Where a response with a Content-Length ends, once its headers are in (looked for in the first
// 64 KiB only, so a long body is never scanned again and again); undefined until then, or without one.
function announcedEnd(chunks: readonly Buffer[], received: number): number | undefined {
  const start = Buffer.concat(chunks, Math.min(received, 64 * 1024));
  const end = findHeaderEnd(start);
  if (end === undefined) return undefined;
  const match = /^content-length[ \t]*:[ \t]*(\d+)[ \t]*$/im.exec(start.subarray(0, end.start).toString('latin1'));
  return match?.[1] === undefined ? Number.POSITIVE_INFINITY : end.bodyStart + Number(match[1]);
}
