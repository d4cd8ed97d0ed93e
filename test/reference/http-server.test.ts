import { execFile } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeScratch, removeScratch } from './support/chat-programs.js';
import { killAllPrograms, Program, referenceScript, repoRoot } from './support/program.js';

const run = promisify(execFile);
const served = path.join(repoRoot, 'rubrics', 'http-server');
const file = (relative: string): Buffer => readFileSync(path.join(served, relative));

// Sends raw bytes in the given segments, a pause between them, and reads until the server closes.
function rawRequest(port: number, segments: readonly string[], pauseMs = 150): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (data: Buffer) => (received += data.toString('latin1')));
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
    socket.once('connect', () => {
      segments.forEach((segment, i) => setTimeout(() => socket.write(segment), i * pauseMs));
    });
  });
}

// The reference is a real HTTP server: real clients (Node's fetch, curl) get the files from it,
// byte for byte, a 404 for a missing one, and never what lies outside its document root.
describe('reference HTTP server', () => {
  let port: number;
  let server: Program;

  beforeAll(async () => {
    const cwd = makeScratch()('server');
    cpSync(served, cwd, { recursive: true }); // www/ and secret.txt beside it, as the rubric lays them
    server = Program.start('http server', referenceScript('http-server/server.js'), {
      cwd,
      env: { PORT: '0', HOST: '127.0.0.1' },
    });
    const listening = await server.waitFor(/server listening on tcp 127\.0\.0\.1:(\d+), serving www\/\n/);
    port = Number(listening[1]);
  });

  afterAll(async () => {
    await killAllPrograms();
    removeScratch();
  });

  it('serves text and binary files byte-identical and answers 404 to fetch', async () => {
    const page = await fetch(`http://127.0.0.1:${port}/index.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(Buffer.from(await page.arrayBuffer())).toEqual(file('www/index.html'));
    const image = await fetch(`http://127.0.0.1:${port}/img/logo.png`);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-length')).toBe(String(file('www/img/logo.png').length));
    expect(Buffer.from(await image.arrayBuffer())).toEqual(file('www/img/logo.png'));
    const missing = await fetch(`http://127.0.0.1:${port}/tidak-ada.html`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('404 Not Found');
    await server.waitFor('GET /tidak-ada.html 404\n');
  });

  it('answers curl over HTTP/1.0 the same, and refuses ../ sent as typed (--path-as-is) with 403', async () => {
    const url = `http://127.0.0.1:${port}`;
    const image = await run('curl', ['--silent', '--http1.0', `${url}/img/logo.png`], { encoding: 'buffer' });
    expect(image.stdout).toEqual(file('www/img/logo.png'));
    const head = await run('curl', ['--silent', '--http1.0', '--include', `${url}/index.html`]);
    expect(head.stdout).toMatch(
      /^HTTP\/1\.0 200 OK\r\nContent-Type: text\/html; charset=utf-8\r\nContent-Length: 425\r\n/,
    );
    const status = (pathname: string): Promise<string> =>
      run('curl', [
        '--silent',
        '--path-as-is',
        '--output',
        '/dev/null',
        '--write-out',
        '%{http_code}',
        `${url}${pathname}`,
      ]).then((r) => r.stdout);
    expect(await status('/nope.png')).toBe('404');
    expect(await status('/../secret.txt')).toBe('403');
    expect(await status('/img/%2e%2e/%2e%2e/secret.txt')).toBe('403');
  });

  it('reads a request head that arrives in pieces, with bare "\\n" line ends too', async () => {
    const answer = await rawRequest(port, ['GET /ind', 'ex.html HTTP/1.0\r\n', 'Host: x\r\n', '\r\n']);
    expect(answer.startsWith('HTTP/1.0 200 OK\r\n')).toBe(true);
    expect(Buffer.from(answer.slice(answer.indexOf('\r\n\r\n') + 4), 'latin1')).toEqual(file('www/index.html'));
    expect(await rawRequest(port, ['GET /img/logo.png HTTP/1.0\n\n'])).toMatch(/^HTTP\/1\.0 200 OK\r\n/);
    expect(await rawRequest(port, ['BREW /pot HTTP/1.0\r\n\r\n'])).toMatch(/^HTTP\/1\.0 501 Not Implemented\r\n/);
    expect(await rawRequest(port, ['nonsense\r\n\r\n'])).toMatch(/^HTTP\/1\.0 400 Bad Request\r\n/);
  });
});
