# Praktikum Jarkom - echo server TCP (multi client pakai thread)
import socket
import threading

HOST = "0.0.0.0"
PORT = 8080


def layani(conn, addr):
    print("Client terhubung:", addr)
    while True:
        try:
            data = conn.recv(1024)
        except ConnectionResetError:
            break
        if not data:
            break
        pesan = data.decode()
        print("Dari", addr, ":", pesan.strip())
        balasan = "Server menerima: " + pesan
        conn.sendall(balasan.encode())
    conn.close()
    print("Client keluar:", addr)


s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((HOST, PORT))
s.listen(5)
print("Server jalan di port", PORT)
while True:
    conn, addr = s.accept()
    threading.Thread(target=layani, args=(conn, addr), daemon=True).start()
