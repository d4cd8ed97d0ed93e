"""Echo server with a thread pool (week 5 exercise).

Instead of one thread per client we keep a fixed pool of workers,
so 1000 clients cannot create 1000 threads.
"""
import socket
from concurrent.futures import ThreadPoolExecutor

HOST = ""
PORT = 50007
WORKERS = 8
BUF_SIZE = 4096


def echo(conn, addr):
    with conn:
        print("Connected by", addr)
        while True:
            try:
                data = conn.recv(BUF_SIZE)
            except OSError as e:
                print("Error with", addr, ":", e)
                break
            if not data:
                break
            try:
                conn.sendall(data)
            except OSError as e:
                print("Error with", addr, ":", e)
                break
        print("Closed", addr)


def main():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((HOST, PORT))
        s.listen(16)
        print("Echo server (pool of %d workers) on port %d" % (WORKERS, PORT))
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            while True:
                conn, addr = s.accept()
                pool.submit(echo, conn, addr)


main()
