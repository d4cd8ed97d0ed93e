"""UDP chat room server.

Run:  python3 server.py
Clients agree on a session key with the server (Diffie-Hellman), then join
with a name and the room password. Every chat message is printed here,
saved in chat_history.json and forwarded, encrypted, to all the other
clients. A client that joins later first gets the saved history.
"""
import json
import os
import socket
import threading
import time
from datetime import datetime

import protocol
from reliable import ReliableChannel
from security import DiffieHellman, IntegrityError, SecureSession

HOST = "0.0.0.0"       # listen on every interface
PORT = 9999
ROOM_PASSWORD = "123"
HISTORY_FILE = "chat_history.json"
HISTORY_REPLAY = 50     # how many saved messages a joining client gets


class ChatHistory:
    """Chat messages kept in a JSON file, so they survive a restart."""

    def __init__(self, path):
        self.path = path
        self.entries = self.load()

    def load(self):
        try:
            with open(self.path, encoding="utf-8") as f:
                entries = json.load(f)
        except (OSError, ValueError):
            return []
        return entries if isinstance(entries, list) else []

    def add(self, entry):
        self.entries.append(entry)
        temp = self.path + ".tmp"
        with open(temp, "w", encoding="utf-8") as f:
            json.dump(self.entries, f, ensure_ascii=False, indent=1)
        os.replace(temp, self.path)     # never leaves a half-written file

    def recent(self, count):
        return self.entries[-count:]


class Peer:
    """A client address that finished the key agreement (a member once it has joined)."""

    def __init__(self, addr, client_public, reply, session, send_raw):
        self.addr = addr
        self.client_public = client_public   # to recognise a repeated HELLO
        self.reply = reply                   # our KEY_REPLY, sent again if the first was lost
        self.session = session
        self.channel = ReliableChannel(session, send_raw)
        self.name = None                     # set when the join is accepted
        self.refused = False

    def label(self):
        return f"{self.name or '?'} ({self.addr[0]}:{self.addr[1]})"


class ChatServer:
    def __init__(self, host, port, password, history):
        self.address = (host, port)
        self.password = password
        self.history = history
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.peers = {}            # address -> Peer
        self.lock = threading.RLock()

    def start(self):
        self.sock.bind(self.address)
        print(f"Server listening on {self.address[0]}:{self.address[1]}")
        if self.history.entries:
            print(f"Loaded {len(self.history.entries)} messages from {self.history.path}")
        threading.Thread(target=self.retransmit_loop, daemon=True).start()

    def serve_forever(self):
        while True:
            data, addr = self.sock.recvfrom(protocol.BUFFER_SIZE)
            with self.lock:
                self.handle_datagram(data, addr)

    # ------------------------------------------------------------ datagrams
    def handle_datagram(self, data, addr):
        kind = protocol.kind_of(data)
        if kind == protocol.HELLO:
            self.handle_hello(data[1:], addr)
            return
        peer = self.peers.get(addr)
        if peer is None:
            print(f"Ignoring a datagram from {addr[0]}:{addr[1]}: no session (say HELLO first)")
            return
        try:
            payloads = peer.channel.receive(data)
        except IntegrityError as err:
            print(f"Integrity check failed on a datagram from {peer.label()}: {err}. "
                  f"It was corrupted or tampered with, so it is dropped; the sender will retransmit it.")
            return
        for payload in payloads:
            msg = protocol.decode(payload)
            if msg is None:
                print(f"Ignoring a malformed message from {peer.label()}")
                continue
            self.handle_message(peer, msg)

    def handle_hello(self, client_public, addr):
        peer = self.peers.get(addr)
        if peer and peer.client_public == client_public:
            self.send_raw(peer.reply, addr)          # our reply was lost: same answer again
            return
        dh = DiffieHellman()
        try:
            secret = dh.shared_secret(client_public)
        except ValueError as err:
            print(f"Bad key agreement from {addr[0]}:{addr[1]}: {err}")
            return
        if peer and peer.name:
            self.remove(peer, "reconnected")
        reply = bytes([protocol.KEY_REPLY]) + dh.public_bytes()
        self.peers[addr] = Peer(addr, client_public, reply, SecureSession(secret),
                                lambda packet: self.send_raw(packet, addr))
        self.send_raw(reply, addr)

    # ------------------------------------------------------------- messages
    def handle_message(self, peer, msg):
        kind = msg["type"]
        if kind == protocol.JOIN:
            self.handle_join(peer, msg)
        elif peer.name is None:
            # not a member: never forward anything it sends
            print(f"Dropped a {kind!r} message from {peer.label()}: not in the room")
        elif kind == protocol.CHAT:
            self.handle_chat(peer, msg)
        elif kind == protocol.FILE_OFFER:
            print(f"{peer.name} is sending the file {msg.get('name')!r} ({msg.get('size')} bytes)")
            self.broadcast(dict(msg, sender=peer.name), exclude=peer)
        elif kind == protocol.FILE_CHUNK:
            self.broadcast(dict(msg, sender=peer.name), exclude=peer)
        elif kind == protocol.LEAVE:
            self.remove(peer, "left the room")
        else:
            print(f"Unknown message type {kind!r} from {peer.label()}")

    def handle_join(self, peer, msg):
        name = str(msg.get("name", "")).strip()
        password = str(msg.get("password", ""))
        taken = any(p.name == name for p in self.peers.values() if p is not peer)
        if password != self.password:
            reason = "Incorrect password."
        elif not name:
            reason = "Name must not be empty."
        elif taken:
            reason = "Name already taken."
        else:
            reason = None
        if reason:
            print(f"Refused join from {peer.addr[0]}:{peer.addr[1]} as {name!r}: {reason}")
            peer.refused = True
            self.send(peer, protocol.REFUSE, reason=reason)
            return
        if peer.name == name:
            return                          # the same join again
        peer.name = name
        print(f"{name} joined from {peer.addr[0]}:{peer.addr[1]}")
        self.send(peer, protocol.ACCEPT, name=name)
        self.replay_history(peer)
        self.broadcast({"type": protocol.NOTICE, "text": f"{name} joined the room"}, exclude=peer)

    def replay_history(self, peer):
        entries = self.history.recent(HISTORY_REPLAY)
        if not entries:
            return
        self.send(peer, protocol.NOTICE, text=f"--- last {len(entries)} messages ---")
        for entry in entries:
            self.send(peer, protocol.MESSAGE, history=True, **entry)
        self.send(peer, protocol.NOTICE, text="--- end of history ---")

    def handle_chat(self, peer, msg):
        text = str(msg.get("text", ""))
        stamp = datetime.now().strftime("%H:%M:%S")
        print(f"[{stamp}] {peer.name}: {text}")
        entry = {"sender": peer.name, "text": text, "time": stamp}
        self.history.add(entry)
        self.broadcast(dict(entry, type=protocol.MESSAGE), exclude=peer)

    def remove(self, peer, why):
        self.peers.pop(peer.addr, None)
        if peer.name:
            print(f"{peer.name} {why}")
            self.broadcast({"type": protocol.NOTICE, "text": f"{peer.name} {why}"})

    # -------------------------------------------------------------- sending
    def send_raw(self, packet, addr):
        try:
            self.sock.sendto(packet, addr)
        except OSError as err:
            print(f"Could not send to {addr}: {err}")

    def send(self, peer, msg_type, **fields):
        peer.channel.send(protocol.encode(msg_type, **fields))

    def broadcast(self, msg, exclude=None):
        payload = json.dumps(msg).encode("utf-8")
        for peer in list(self.peers.values()):
            if peer.name and peer is not exclude:
                peer.channel.send(payload)

    def retransmit_loop(self):
        while True:
            time.sleep(0.05)
            with self.lock:
                for peer in list(self.peers.values()):
                    if not peer.channel.tick():
                        self.remove(peer, "stopped answering and was removed")
                    elif peer.refused and peer.channel.idle():
                        self.peers.pop(peer.addr, None)   # it knows it was refused


def main():
    server = ChatServer(HOST, PORT, ROOM_PASSWORD, ChatHistory(HISTORY_FILE))
    server.start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nServer stopped.")


if __name__ == "__main__":
    main()
