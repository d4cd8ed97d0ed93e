import socket
import threading
import random
import zlib
import sys

import rsa

KEY_REQUEST = "REQUEST_PUBLIC_KEY"

client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)

# bind ke port random 8000-9000, coba lagi kalau sudah dipakai
while True:
    try:
        client.bind((socket.gethostbyname(socket.gethostname()), random.randint(8000, 9000)))
        break
    except OSError:
        continue

try:
    server_ip = input("Enter IP Address: ")
    server_port = int(input("Enter port number: "))
    name = input("Nickname: ")
    password = input("Enter the password: ")
except (EOFError, KeyboardInterrupt):
    sys.exit(0)

server_address = (server_ip, server_port)
running = True

# minta public key ke server
client.sendto(KEY_REQUEST.encode(), server_address)
data, _ = client.recvfrom(1024)
_, e, n = data.decode().split(":")
public_key = (int(e), int(n))


def receive():
    global running
    while running:
        try:
            message, _ = client.recvfrom(4096)
            message = message.decode()
            if message == "Incorrect password." or message == "Name already taken.":
                print(message)
                print("Exiting...")
                running = False
                sys.exit()
            print(message)
        except Exception:
            pass


t = threading.Thread(target=receive)
t.daemon = True
t.start()

# kirim name:password (terenkripsi)
client.sendto(rsa.encrypt(f"{name}:{password}", public_key).encode(), server_address)

while running:
    try:
        message = input("")
    except (EOFError, KeyboardInterrupt):
        break
    checksum = zlib.crc32(message.encode())
    client.sendto(rsa.encrypt(f"{name}:{message}:{checksum}", public_key).encode(), server_address)
    if message == "!q":
        break

print("Exiting...")
client.close()
