"""UDP chat room client.

Run:  python3 client.py
Type a line to send it to everyone in the room,
     /file <path>  to send a file (saved by the others under received/),
     !q            to quit.
"""
import os
import socket
import sys
import threading
import time

import protocol
from files import FileReceiver, file_messages
from reliable import ReliableChannel
from security import DiffieHellman, IntegrityError, SecureSession

HELLO_TIMEOUT = 3     # seconds to wait for the server's key
HELLO_ATTEMPTS = 3    # UDP can lose the handshake, so try a few times
JOIN_TIMEOUT = 10


class ChatClient:
    def __init__(self, server_ip, server_port, name, password):
        self.server = (server_ip, server_port)
        self.name = name
        self.password = password
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.channel = None
        self.files = FileReceiver()
        self.join_answer = threading.Event()
        self.accepted = False
        self.running = False

    # ------------------------------------------------------------ joining
    def handshake(self):
        """Agrees on a session key with the server. Returns True on success."""
        dh = DiffieHellman()
        hello = bytes([protocol.HELLO]) + dh.public_bytes()
        self.sock.settimeout(HELLO_TIMEOUT)
        for _ in range(HELLO_ATTEMPTS):
            self.sock.sendto(hello, self.server)
            try:
                data, addr = self.sock.recvfrom(protocol.BUFFER_SIZE)
            except socket.timeout:
                continue
            if protocol.kind_of(data) != protocol.KEY_REPLY:
                continue
            try:
                session = SecureSession(dh.shared_secret(data[1:]))
            except ValueError:
                continue
            self.channel = ReliableChannel(session, lambda packet: self.sock.sendto(packet, self.server))
            return True
        return False

    def join(self):
        """Sends the join request and waits for accept/refuse. Returns True if accepted."""
        if not self.handshake():
            print("No answer from the server.")
            return False
        self.running = True
        self.sock.settimeout(None)
        threading.Thread(target=self.receive_loop, daemon=True).start()
        threading.Thread(target=self.retransmit_loop, daemon=True).start()
        self.send(protocol.JOIN, name=self.name, password=self.password)
        if not self.join_answer.wait(JOIN_TIMEOUT):
            print("No answer from the server.")
            return False
        return self.accepted

    # ---------------------------------------------------------- receiving
    def receive_loop(self):
        while self.running:
            try:
                data, addr = self.sock.recvfrom(protocol.BUFFER_SIZE)
            except OSError:
                break
            if addr != self.server or protocol.kind_of(data) == protocol.KEY_REPLY:
                continue
            try:
                payloads = self.channel.receive(data)
            except IntegrityError as err:
                print(f"! Integrity check failed on a datagram from the server ({err}); dropped, waiting for the retransmission.")
                continue
            for payload in payloads:
                msg = protocol.decode(payload)
                if msg is not None:
                    self.handle(msg)

    def handle(self, msg):
        kind = msg["type"]
        if kind == protocol.ACCEPT:
            print(f"Welcome to the chat room, {self.name}! Type !q to quit, /file <path> to send a file.")
            self.accepted = True
            self.join_answer.set()
        elif kind == protocol.REFUSE:
            print(f"Join refused: {msg.get('reason', 'no reason given')}")
            self.join_answer.set()
        elif kind == protocol.MESSAGE:
            when = f"{msg.get('time', '')}, earlier" if msg.get("history") else msg.get("time", "")
            print(f"[{when}] {msg.get('sender')}: {msg.get('text')}")
        elif kind == protocol.NOTICE:
            print(f"* {msg.get('text')}")
        elif kind == protocol.FILE_OFFER:
            self.files.offer(msg)
        elif kind == protocol.FILE_CHUNK:
            self.files.chunk(msg)

    def retransmit_loop(self):
        while self.running:
            time.sleep(0.05)
            if not self.channel.tick():
                print("! The server stopped answering.")
                self.running = False
                os._exit(1)

    # ------------------------------------------------------------ sending
    def send(self, msg_type, **fields):
        self.channel.send(protocol.encode(msg_type, **fields))

    def send_file(self, path):
        if not os.path.isfile(path):
            print(f"! No such file: {path}")
            return
        for payload in file_messages(path):
            self.channel.send(payload)
        print(f"* Sending {os.path.basename(path)} ({os.path.getsize(path)} bytes)...")

    def input_loop(self):
        while self.running:
            try:
                line = input()
            except (EOFError, KeyboardInterrupt):
                break
            line = line.strip()
            if not line:
                continue
            if line == "!q":
                break
            if line.startswith("/file "):
                self.send_file(line[len("/file "):].strip())
            else:
                self.send(protocol.CHAT, text=line)
        self.quit()

    def quit(self):
        if not self.running:
            return
        self.send(protocol.LEAVE)
        self.channel.wait_until_idle(1.0)     # let what we typed last get through
        self.running = False
        print("Bye!")

    def run(self):
        if not self.join():
            sys.exit(1)
        self.input_loop()


def ask(prompt):
    try:
        return input(prompt).strip()
    except (EOFError, KeyboardInterrupt):
        print()
        sys.exit(0)


def main():
    server_ip = ask("Server IP: ")
    try:
        server_ip = socket.gethostbyname(server_ip)    # "localhost" -> 127.0.0.1, to match replies
    except OSError:
        print(f"Unknown host {server_ip}")
        sys.exit(1)
    while True:
        try:
            server_port = int(ask("Port: "))
            break
        except ValueError:
            print("The port must be a number.")
    name = ask("Username: ")
    password = ask("Password: ")
    try:
        ChatClient(server_ip, server_port, name, password).run()
    except KeyboardInterrupt:
        print("\nBye!")


if __name__ == "__main__":
    main()
