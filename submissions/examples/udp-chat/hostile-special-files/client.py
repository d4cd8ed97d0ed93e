"""UDP chat room client.

Run:  python3 client.py
Type a line to send it to everyone in the room, or !q to quit.
"""
import socket
import sys
import threading

import protocol

JOIN_TIMEOUT = 3      # seconds to wait for the server's answer
JOIN_ATTEMPTS = 3     # UDP can lose the join, so try a few times


class ChatClient:
    def __init__(self, server_ip, server_port, name, password):
        self.server = (server_ip, server_port)
        self.name = name
        self.password = password
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.running = False

    def join(self):
        """Send the join request and wait for accept/refuse. Returns True if accepted."""
        packet = protocol.encode(protocol.JOIN, name=self.name, password=self.password)
        self.sock.settimeout(JOIN_TIMEOUT)
        for _ in range(JOIN_ATTEMPTS):
            self.sock.sendto(packet, self.server)
            try:
                data, addr = self.sock.recvfrom(protocol.BUFFER_SIZE)
            except socket.timeout:
                continue
            msg = protocol.decode(data)
            if msg is None:
                continue
            if msg["type"] == protocol.ACCEPT:
                print(f"Welcome to the chat room, {self.name}! Type !q to quit.")
                return True
            if msg["type"] == protocol.REFUSE:
                print(f"Join refused: {msg.get('reason', 'no reason given')}")
                return False
        print("No answer from the server.")
        return False

    def receive_loop(self):
        self.sock.settimeout(None)
        while self.running:
            try:
                data, addr = self.sock.recvfrom(protocol.BUFFER_SIZE)
            except OSError:
                break
            msg = protocol.decode(data)
            if msg is None:
                continue
            if msg["type"] == protocol.MESSAGE:
                print(f"[{msg.get('time', '')}] {msg.get('sender')}: {msg.get('text')}")
            elif msg["type"] == protocol.NOTICE:
                print(f"* {msg.get('text')}")

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
            self.sock.sendto(protocol.encode(protocol.CHAT, text=line), self.server)
        self.quit()

    def quit(self):
        if not self.running:
            return
        self.running = False
        try:
            self.sock.sendto(protocol.encode(protocol.LEAVE), self.server)
        except OSError:
            pass
        print("Bye!")

    def run(self):
        if not self.join():
            sys.exit(1)
        self.running = True
        threading.Thread(target=self.receive_loop, daemon=True).start()
        self.input_loop()


def ask(prompt):
    try:
        return input(prompt).strip()
    except (EOFError, KeyboardInterrupt):
        print()
        sys.exit(0)


def main():
    server_ip = ask("Server IP: ")
    while True:
        try:
            server_port = int(ask("Port: "))
            break
        except ValueError:
            print("The port must be a number.")
    name = ask("Username: ")
    password = ask("Password: ")
    ChatClient(server_ip, server_port, name, password).run()


if __name__ == "__main__":
    main()
