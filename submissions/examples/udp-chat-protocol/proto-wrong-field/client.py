# Chat room client (UDP) following the course protocol (PROTOCOL.md v1).
# The main thread reads what the user types; a second thread receives
# datagrams and runs the retransmission timers.
import socket
import sys
import threading
import time

import protocol as p
from chatcrypto import generate_keypair

KEEPALIVE = 10
MAX_REJOINS = 3


def clean(text):
    return "".join(" " if ord(ch) < 32 or ord(ch) == 127 else ch for ch in text)


class ChatClient:
    def __init__(self, server, name, password):
        self.server = server
        self.name = name
        self.password = password
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.settimeout(0.05)
        self.lock = threading.Lock()
        self.link = None
        self.state = "handshake"   # handshake -> joining -> joined -> quitting -> done
        self.joined = threading.Event()
        self.done = threading.Event()
        self.exit_code = 0
        self.rejoins = 0
        self.carry_over = []       # SAY bodies to send again after a rejoin

    # ---------------------------------------------------------- handshake

    def start_handshake(self):
        self.private, self.public = generate_keypair()
        self.hello = p.make_hello(self.public)
        self.hellos_sent = 0
        self.next_hello = 0
        self.link = None
        self.state = "handshake"

    def hello_timer(self):
        if time.monotonic() < self.next_hello:
            return
        if self.hellos_sent >= 12:
            print("error: no answer from server at %s:%d" % self.server)
            self.finish(1)
            return
        self.sock.sendto(self.hello, self.server)
        self.next_hello = time.monotonic() + min(1.0, 0.25 * 2 ** self.hellos_sent)
        self.hellos_sent += 1

    def on_welcome(self, data):
        if self.state != "handshake" or data[34:66] != self.public:
            return  # not an answer to our HELLO, or a late copy
        server_pub = data[2:34]
        try:
            keys = p.derive_keys(self.private, server_pub, self.public, server_pub)
        except ValueError:
            return
        self.link = p.Link(keys, "client", lambda datagram: self.sock.sendto(datagram, self.server))
        self.state = "joining"
        self.link.send(p.JOIN, p.str16(self.name) + p.str16(self.password))

    # ---------------------------------------------------------- receiving

    def receive_loop(self):
        while not self.done.is_set():
            try:
                data, source = self.sock.recvfrom(65535)
            except socket.timeout:
                data, source = None, None
            except OSError:
                data, source = None, None
            with self.lock:
                if data is not None and source == self.server:
                    self.on_datagram(data)
                self.run_timers()

    def on_datagram(self, data):
        kind = p.packet_type(data)
        if kind == p.WELCOME:
            self.on_welcome(data)
        elif kind == p.RESET:
            if self.state == "quitting":
                self.finish(0)
            elif self.link is not None:
                self.rejoin("the server no longer knows this client")
        elif kind == p.SEALED:
            if self.link is None:
                return
            frames = self.link.receive(data)
            if frames is None:
                print("integrity check failed: message from server was corrupted")
                return
            for frame_kind, body in frames:
                try:
                    self.on_frame(frame_kind, p.Reader(body))
                except p.Malformed:
                    pass
        else:
            print("integrity check failed: message from server was corrupted")

    def on_frame(self, kind, body):
        if kind == p.JOINED:
            body.str16()
            if self.state == "joining":
                self.state = "joined"
                self.rejoins = 0
                print("Joined the room as %s. Type !q to leave." % self.name)
                for text_body in self.carry_over:
                    self.link.send(p.SAY, text_body)
                self.carry_over = []
                self.joined.set()
        elif kind == p.REFUSED:
            code = body.u8()
            print("refused: " + p.ERRORS.get(code, "refused by the server"))
            self.finish(1)
        elif kind == p.MESSAGE:
            flags = body.u8()
            body.u64()
            sender, text = body.str16(), body.str16()
            prefix = "[history] " if flags & 1 else ""
            print("%s%s: %s" % (prefix, clean(sender), clean(text)))
        elif kind == p.PRESENCE:
            event = body.u8()
            name = body.str16()
            print("* %s %s" % (clean(name), "joined" if event == 1 else "left"))
        elif kind == p.NOTICE:
            code = body.u8()
            text = body.str16()
            print("server: %s%s" % (p.ERRORS.get(code, "notice"), " (%s)" % clean(text) if text else ""))
        # PING needs nothing more: the link has acknowledged it

    # ---------------------------------------------------------- timers

    def run_timers(self):
        if self.state == "handshake":
            self.hello_timer()
            return
        if self.state == "done" or self.link is None:
            return
        if not self.link.tick():
            if self.state == "quitting":
                self.finish(0)
            else:
                self.rejoin("the server stopped answering")
            return
        if self.state == "joined" and time.monotonic() - self.link.last_sent > KEEPALIVE:
            self.link.send(p.PING)

    def rejoin(self, reason):
        self.carry_over += [body for kind, body in self.link.unacked_bodies() if kind == p.SAY]
        self.joined.clear()
        self.rejoins += 1
        if self.rejoins > MAX_REJOINS:
            print("error: lost the connection to the server (%s)" % reason)
            self.finish(1)
            return
        print("* connection lost (%s), rejoining" % reason)
        self.start_handshake()

    def finish(self, code):
        if self.state == "done":
            return
        self.state = "done"
        self.exit_code = code
        self.joined.set()
        self.done.set()

    # ---------------------------------------------------------- typing

    def input_loop(self):
        for line in sys.stdin:
            text = line.rstrip("\r\n")
            self.joined.wait()
            if self.done.is_set():
                return
            if text.strip() == "!q":
                break
            if not text.strip():
                continue
            if text.startswith("/file "):
                print("sorry, sending files is not supported")
                continue
            if len(text.encode("utf-8")) > 4096:
                print("message too long (at most 4096 bytes)")
                continue
            with self.lock:
                self.link.send(p.SAY, p.str16(text))
        self.quit()

    def quit(self):
        with self.lock:
            if self.state != "joined":
                self.finish(0)
                return
            self.state = "quitting"
            self.link.send(p.BYE)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not self.done.is_set():
            with self.lock:
                if self.link is None or self.link.pending() == 0:
                    break
            time.sleep(0.05)
        with self.lock:
            self.finish(0)

    def run(self):
        self.start_handshake()
        threading.Thread(target=self.receive_loop, daemon=True).start()
        threading.Thread(target=self.input_loop, daemon=True).start()
        try:
            self.done.wait()
        except KeyboardInterrupt:
            self.quit()
        return self.exit_code


def main():
    try:
        ip = input("Server IP: ").strip() or "127.0.0.1"
        port = int(input("Port: ").strip())
        name = input("Name: ").strip()
        password = input("Password: ")
    except (EOFError, ValueError):
        print("error: need a server IP, a port number, a name and a password")
        return 1
    return ChatClient((socket.gethostbyname(ip), port), name, password).run()


if __name__ == "__main__":
    sys.exit(main())
