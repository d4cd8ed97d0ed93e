"""UDP chat server: one thread per datagram, members in a dict behind a lock.

Protocol (text, '|' separated):
  client -> server   JOIN|name|password    MSG|text    QUIT
  server -> client   OK|text    ERR|text    MSG|name|text    INFO|text
"""
import socket
import threading
from datetime import datetime

HOST = "0.0.0.0"
PORT = 12345
PASSWORD = "123"


class ChatRoom:
    """Who is in the room. Every handler thread goes through the lock."""

    def __init__(self, password):
        self.password = password
        self.members = {}  # (ip, port) -> name
        self.lock = threading.Lock()

    def join(self, address, name, password):
        with self.lock:
            if password != self.password:
                return "ERR|Wrong password, access denied."
            if name in self.members.values():
                return "ERR|Username already taken."
            self.members[address] = name
            return f"OK|Welcome to the room, {name}!"

    def leave(self, address):
        with self.lock:
            return self.members.pop(address, None)

    def name_of(self, address):
        with self.lock:
            return self.members.get(address)

    def others(self, address):
        with self.lock:
            return [member for member in self.members if member != address]


class ChatServer:
    def __init__(self, host, port, password):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((host, port))
        self.room = ChatRoom(password)
        self.send_lock = threading.Lock()

    def send(self, text, address):
        with self.send_lock:
            self.sock.sendto(text.encode(), address)

    def broadcast(self, text, sender):
        for address in self.room.others(sender):
            self.send(text, address)

    def handle(self, data, address):
        parts = data.decode(errors="replace").split("|", 2)
        kind = parts[0]
        if kind == "JOIN" and len(parts) == 3:
            reply = self.room.join(address, parts[1], parts[2])
            self.send(reply, address)
            if reply.startswith("OK"):
                print(f"[+] {parts[1]} joined from {address[0]}:{address[1]}")
                self.broadcast(f"INFO|{parts[1]} joined the chat", address)
            else:
                print(f"[!] refused {parts[1]} from {address}: {reply[4:]}")
            return
        name = self.room.name_of(address)
        if name is None:
            self.send("ERR|Join first.", address)
            return
        if kind == "MSG" and len(parts) >= 2:
            text = "|".join(parts[1:])
            print(f"[{datetime.now():%H:%M:%S}] {name}: {text}")
            self.broadcast(f"MSG|{name}|{text}", address)
        elif kind == "QUIT":
            self.room.leave(address)
            print(f"[-] {name} left")
            self.broadcast(f"INFO|{name} left the chat", address)

    def serve_forever(self):
        print(f"Chat server listening on {HOST}:{PORT}")
        while True:
            data, address = self.sock.recvfrom(4096)
            threading.Thread(target=self.handle, args=(data, address), daemon=True).start()


if __name__ == "__main__":
    try:
        ChatServer(HOST, PORT, PASSWORD).serve_forever()
    except KeyboardInterrupt:
        print("\nServer stopped.")
