# UDP echo server (dari kode chat minggu lalu)
import socket

HOST = "0.0.0.0"
PORT = 9999

server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server.bind((HOST, PORT))
print(f"Server UDP aktif di {HOST}:{PORT}")

clients = []

while True:
    data, addr = server.recvfrom(1024)
    if addr not in clients:
        clients.append(addr)
        print("Client baru:", addr)
    print(f"{addr}: {len(data)} byte")
    # kirim balik ke semua client
    for c in clients:
        server.sendto(data, c)
