# Lab 1 - client salam (TCP)
import socket

ip = input("Masukkan alamat IP server: ")
port = int(input("Masukkan port: "))

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((ip, port))

pesan = b""
while True:
    data = client.recv(1024)
    if not data:
        break
    pesan += data
client.close()

print("Pesan dari server:", pesan.decode("utf-8").strip())
