# Tugas 3 Jaringan Komputer: simple HTTP/1.0 web server
# Serves the files in www/ using plain sockets, one thread per client.
import os
import socket
import sys
import threading

HOST = '0.0.0.0'
PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
WEB_ROOT = os.path.abspath('www')

MIME_TYPES = {
    '.html': 'text/html',
    '.htm': 'text/html',
    '.txt': 'text/plain',
    '.css': 'text/css',
    '.js': 'application/javascript',
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.jpeg': 'image/jpeg',
    '.gif': 'image/gif',
}

REASONS = {200: 'OK', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 501: 'Not Implemented'}


def send_response(conn, status, body, content_type='text/html'):
    header = 'HTTP/1.0 %d %s\r\n' % (status, REASONS[status])
    header += 'Content-Type: %s\r\n' % content_type
    header += 'Connection: close\r\n'
    header += '\r\n'
    conn.sendall(header.encode('ascii') + body)


def send_error(conn, status):
    body = ('<html><body><h1>%d %s</h1></body></html>' % (status, REASONS[status])).encode()
    send_response(conn, status, body)


def read_request(conn):
    # keep reading until the blank line that ends the headers
    data = b''
    while b'\r\n\r\n' not in data:
        chunk = conn.recv(1024)
        if not chunk:
            break
        data += chunk
        if len(data) > 65536:
            break
    return data


def handle_client(conn, addr):
    try:
        data = read_request(conn)
        if not data:
            return
        request_line = data.split(b'\r\n')[0].decode('iso-8859-1')
        print('%s:%d "%s"' % (addr[0], addr[1], request_line))
        parts = request_line.split()
        if len(parts) != 3:
            send_error(conn, 400)
            return
        method, path, version = parts
        if method != 'GET':
            send_error(conn, 501)
            return

        path = path.split('?')[0]
        if path == '/':
            path = '/index.html'
        filepath = os.path.abspath(os.path.join(WEB_ROOT, path.lstrip('/')))
        # do not let ../ escape from the web root
        if not filepath.startswith(WEB_ROOT + os.sep):
            send_error(conn, 403)
            return
        if not os.path.isfile(filepath):
            send_error(conn, 404)
            return

        with open(filepath, 'rb') as f:
            body = f.read()
        ext = os.path.splitext(filepath)[1].lower()
        send_response(conn, 200, body, MIME_TYPES.get(ext, 'application/octet-stream'))
    except Exception as e:
        print('Error handling %s: %s' % (addr, e))
    finally:
        conn.close()


def main():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((HOST, PORT))
    server.listen(10)
    print('Server running on http://%s:%d/ (serving %s)' % (HOST, PORT, WEB_ROOT))
    try:
        while True:
            conn, addr = server.accept()
            t = threading.Thread(target=handle_client, args=(conn, addr))
            t.daemon = True
            t.start()
    except KeyboardInterrupt:
        print('Shutting down')
    finally:
        server.close()


if __name__ == '__main__':
    main()
