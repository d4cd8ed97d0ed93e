#!/usr/bin/env python3
# echo server - concurrent version (one thread for every connection)
import socket
import threading

HOST = ''
PORT = 50007


def echo_client(conn, addr):
    print('Connected by', addr)
    data = conn.recv(1024)
    if data:
        conn.sendall(data)
    conn.close()


s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((HOST, PORT))
s.listen(5)
while True:
    conn, addr = s.accept()
    threading.Thread(target=echo_client, args=(conn, addr)).start()
