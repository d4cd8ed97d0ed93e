# Echo Server UDP
import socket

PORT = 8888

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("", PORT))
print("Server siap di port", PORT)

while True:
    data, alamat = s.recvfrom(1024)
    pesan = data.decode()
    print("Pesan dari", alamat, ":", pesan)
    s.sendto(pesan.encode(), alamat)
