import { readFile, stat } from 'node:fs/promises';
import net from 'node:net';
import { printable, say, warn } from '../shared/say.js';
import { findHeadEnd, parseRequestLine } from './parse-request-head.js';
import { contentTypeOf, resolveTarget } from './resolve-target.js';

// A request head larger than this is refused (431) rather than buffered without end.
const maxHeadBytes = 16 * 1024;
// A client that sends nothing for this long is let go, so it cannot hold a connection forever.
const idleMs = 30_000;

const reasons: Readonly<Record<number, string>> = {
  200: 'OK',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  501: 'Not Implemented',
};

// The assignment's static file server, written on TCP sockets as a student's is: each connection
// is read until its request head is complete (however many segments it takes), answered with
// HTTP/1.0 status line, Content-Type, Content-Length and the file's bytes, then closed. Every
// connection is served on its own, so a slow client never holds up the others.
export class HttpFileServer {
  private readonly server = net.createServer((socket) => this.serve(socket));

  constructor(private readonly root: string) {}

  start(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const address = this.server.address() as net.AddressInfo;
        say(`server listening on tcp ${address.address}:${address.port}, serving ${this.root}/`);
        resolve();
      });
    });
  }

  stop(): void {
    this.server.close();
  }

  private serve(socket: net.Socket): void {
    let head = Buffer.alloc(0);
    socket.setTimeout(idleMs, () => socket.destroy());
    socket.on('error', (error: NodeJS.ErrnoException) => warn(`connection error: ${error.code ?? error.message}`));
    const onData = (data: Buffer): void => {
      head = Buffer.concat([head, data]);
      const end = findHeadEnd(head);
      if (end === undefined && head.length <= maxHeadBytes) return;
      socket.off('data', onData);
      if (end === undefined || end > maxHeadBytes) return this.answer(socket, 'request', 431);
      void this.respond(socket, head.subarray(0, end));
    };
    socket.on('data', onData);
  }

  private async respond(socket: net.Socket, head: Buffer): Promise<void> {
    const request = parseRequestLine(head);
    if (request === undefined) return this.answer(socket, 'request', 400);
    const line = `${request.method} ${request.target}`;
    if (request.method !== 'GET' && request.method !== 'HEAD') return this.answer(socket, line, 501);
    const resolved = resolveTarget(this.root, request.target);
    if (!resolved.ok) return this.answer(socket, line, resolved.status);
    try {
      const found = await stat(resolved.file);
      if (!found.isFile()) return this.answer(socket, line, 404);
      const body = await readFile(resolved.file);
      this.send(
        socket,
        line,
        200,
        contentTypeOf(resolved.file),
        request.method === 'HEAD' ? Buffer.alloc(0) : body,
        body.length,
      );
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.answer(socket, line, code === 'ENOENT' || code === 'ENOTDIR' ? 404 : code === 'EACCES' ? 403 : 500);
    }
  }

  // An error status, with a short HTML page that says it.
  private answer(socket: net.Socket, line: string, status: number): void {
    const page = Buffer.from(`<html><body><h1>${status} ${reasons[status] ?? ''}</h1></body></html>\n`, 'utf8');
    this.send(socket, line, status, 'text/html; charset=utf-8', page, page.length);
  }

  private send(socket: net.Socket, line: string, status: number, type: string, body: Buffer, length: number): void {
    const header = `HTTP/1.0 ${status} ${reasons[status] ?? ''}\r\nContent-Type: ${type}\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`;
    say(printable(`${line} ${status}`));
    socket.end(Buffer.concat([Buffer.from(header, 'latin1'), body]));
  }
}
