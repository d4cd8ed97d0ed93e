#!/usr/bin/env python3
"""HTTP/1.0 static file server with select() (no threads).

Every socket gets its own input buffer; a request is answered once its
header block is complete, so slow clients never block the others.
"""
import os
import select
import socket
import sys

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
DOCROOT = os.path.realpath('www')

CONTENT_TYPES = {'html': 'text/html; charset=utf-8', 'png': 'image/png', 'jpg': 'image/jpeg', 'txt': 'text/plain'}


def response(status, reason, body, ctype='text/html'):
    head = f'HTTP/1.0 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n'
    return head.encode('ascii') + body


def error_page(status, reason):
    return response(status, reason, f'<h1>{status} {reason}</h1>\n'.encode())


def handle(raw):
    try:
        line = raw.split(b'\r\n', 1)[0].decode('ascii')
        method, target, _version = line.split(' ')
    except ValueError:
        return error_page(400, 'Bad Request')
    print(line)
    if method != 'GET':
        return error_page(501, 'Not Implemented')
    target = target.split('?', 1)[0]
    if target.endswith('/'):
        target += 'index.html'
    path = os.path.realpath(os.path.join(DOCROOT, target.lstrip('/')))
    if os.path.commonpath([DOCROOT, path]) != DOCROOT:
        return error_page(403, 'Forbidden')
    try:
        with open(path, 'rb') as f:
            body = f.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return error_page(404, 'Not Found')
    ext = path.rsplit('.', 1)[-1].lower()
    return response(200, 'OK', body, CONTENT_TYPES.get(ext, 'application/octet-stream'))


def main():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(('0.0.0.0', PORT))
    listener.listen(16)
    print(f'listening on port {PORT}, serving {DOCROOT}')
    buffers = {}
    while True:
        readable, _, _ = select.select([listener, *buffers], [], [])
        for sock in readable:
            if sock is listener:
                conn, _addr = listener.accept()
                buffers[conn] = b''
                continue
            try:
                data = sock.recv(4096)
            except ConnectionError:
                data = b''
            if not data:
                del buffers[sock]
                sock.close()
                continue
            buffers[sock] += data
            if b'\r\n\r\n' in buffers[sock]:
                request = buffers.pop(sock)
                try:
                    sock.sendall(handle(request))
                except ConnectionError:
                    pass
                sock.close()


if __name__ == '__main__':
    main()
