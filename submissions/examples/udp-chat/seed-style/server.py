import socket
import threading
import queue
import zlib
from datetime import datetime

import rsa

HOST = socket.gethostbyname(socket.gethostname())
PORT = 9999
PASSWORD = "123"
HISTORY_FILE = "chat_history.txt"
KEY_REQUEST = "REQUEST_PUBLIC_KEY"

public_key, private_key = rsa.generate_keys()

messages = queue.Queue()
clients = {}  # address -> nickname

server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server.bind((HOST, PORT))
print(f"Server started at {HOST}:{PORT}")


def receive():
    # thread 1: terima semua datagram lalu masukkan ke antrian
    while True:
        try:
            message, address = server.recvfrom(4096)
            messages.put((message, address))
        except Exception:
            pass


def save_history(line):
    with open(HISTORY_FILE, "a") as f:
        f.write(line + "\n")


def send_history(address):
    try:
        with open(HISTORY_FILE, "r") as f:
            for line in f:
                server.sendto(line.strip().encode(), address)
    except FileNotFoundError:
        pass


def broadcast():
    # thread 2: proses antrian dan kirim ke semua client
    while True:
        message, address = messages.get()

        # client minta public key
        if message == KEY_REQUEST.encode():
            print(f"Received from {address}: {KEY_REQUEST}")
            server.sendto(f"PUBLIC_KEY:{public_key[0]}:{public_key[1]}".encode(), address)
            continue

        try:
            decrypted = rsa.decrypt(message.decode(), private_key)
        except Exception:
            server.sendto("Invalid message format.".encode(), address)
            continue

        print(f"Received from {address}: {decrypted}")

        if address not in clients:
            # pesan pertama = name:password
            try:
                name, password = decrypted.split(":", 1)
            except ValueError:
                server.sendto("Invalid message format.".encode(), address)
                continue
            if password != PASSWORD:
                server.sendto("Incorrect password.".encode(), address)
            elif name in clients.values():
                server.sendto("Name already taken.".encode(), address)
            else:
                clients[address] = name
                send_history(address)
                server.sendto("Password accepted. You are now connected.".encode(), address)
                for client in clients:
                    server.sendto(f"{name} joined!".encode(), client)
            continue

        # pesan chat = name:text:crc32
        try:
            name, rest = decrypted.split(":", 1)
            text, checksum = rest.rsplit(":", 1)
            checksum = int(checksum)
        except ValueError:
            server.sendto("Invalid message format.".encode(), address)
            continue

        if zlib.crc32(text.encode()) != checksum:
            server.sendto("Message integrity compromised!".encode(), address)
            continue

        if text == "!q":
            del clients[address]
            for client in clients:
                server.sendto(f"{name} left the chat.".encode(), client)
            continue

        timestamp = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        line = f"[{timestamp}] {name}: {text}"
        save_history(line)
        for client in clients:
            if client != address:
                server.sendto(line.encode(), client)


t1 = threading.Thread(target=receive)
t2 = threading.Thread(target=broadcast)

t1.start()
t2.start()
