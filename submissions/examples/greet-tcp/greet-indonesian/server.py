# Lab 1 - server salam (TCP)
import socket

PORT = 6789

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("0.0.0.0", PORT))
server.listen(5)
print("Menunggu koneksi di port", PORT)

while True:
    koneksi, alamat = server.accept()
    print("Terhubung dengan", alamat)
    salam = "Halo, selamat datang di server Jarkom (" + socket.gethostname() + ")!"
    koneksi.sendall((salam + "\n").encode("utf-8"))
    koneksi.close()
