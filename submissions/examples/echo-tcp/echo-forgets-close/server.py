# TCP Echo Server (select version)
# Nama: -  NIM: -
import select
import socket

HOST = "0.0.0.0"
PORT = 6000

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind((HOST, PORT))
server.listen(5)
print("Echo server listening on", PORT)

clients = []
alamat = {}  # socket -> address, for the log

while True:
    readable, _, _ = select.select([server] + clients, [], [])
    for s in readable:
        if s is server:
            conn, addr = server.accept()
            clients.append(conn)
            alamat[conn] = addr
            print("Client baru:", addr)
            continue
        try:
            data = s.recv(1024)
        except ConnectionResetError:
            print("Koneksi putus:", alamat[s])
            clients.remove(s)
            s.close()
            continue
        if data:
            s.sendall(data)
        else:
            print("Client selesai:", alamat[s])
            clients.remove(s)
