# Chat room server (UDP) following the course protocol (PROTOCOL.md v1).
# One socket, one session per client address, single thread:
# the loop waits at most 50 ms for a datagram, then runs the timers.
import json
import socket
import struct
import time

import protocol as p
from chatcrypto import generate_keypair

HOST = "0.0.0.0"
PORT = 9999
PASSWORD = "123"
HISTORY_FILE = "chat_history.jsonl"
MEMBER_TIMEOUT = 45
GUEST_TIMEOUT = 15
NAME_PROBE = 2.0


def valid_name(name):
    if not 1 <= len(name) <= 32 or ":" in name:
        return False
    return all(not ch.isspace() and ord(ch) >= 32 and ord(ch) != 127 for ch in name)


class Session:
    def __init__(self, server, addr, client_pub):
        private, public = generate_keypair()
        keys = p.derive_keys(private, client_pub, client_pub, public)
        self.addr = addr
        self.client_pub = client_pub
        self.welcome = p.make_welcome(public, client_pub)
        self.link = p.Link(keys, "server", lambda data: server.sock.sendto(data, addr))
        self.state = "keyed"      # keyed -> member, or keyed -> refused
        self.name = None
        self.probe = None         # (holder, ping seq, deadline, name, password) while a name is checked

    def label(self):
        return self.name or "%s:%d" % self.addr


class ChatServer:
    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((HOST, PORT))
        self.sock.settimeout(0.05)
        self.sessions = {}   # (ip, port) -> Session
        self.last_reset = {}
        self.history = self.load_history()
        print("server listening on udp %s:%d" % self.sock.getsockname())
        if self.history:
            print("history: loaded %d messages from %s" % (len(self.history), HISTORY_FILE))

    # ---------------------------------------------------------- history

    def load_history(self):
        entries = []
        try:
            with open(HISTORY_FILE, encoding="utf-8") as f:
                for line in f:
                    try:
                        entry = json.loads(line)
                        entries.append((int(entry["time"]), str(entry["from"]), str(entry["text"])))
                    except (ValueError, KeyError, TypeError):
                        pass
        except FileNotFoundError:
            pass
        return entries

    def save_history(self, entry):
        self.history.append(entry)
        with open(HISTORY_FILE, "a", encoding="utf-8") as f:
            f.write(json.dumps({"time": entry[0], "from": entry[1], "text": entry[2]}) + "\n")

    # ---------------------------------------------------------- helpers

    def members(self):
        return [s for s in self.sessions.values() if s.state == "member"]

    def broadcast(self, sender, kind, body):
        for member in self.members():
            if member is not sender:
                member.link.send(kind, body)

    def notice(self, session, code, text):
        session.link.send(p.NOTICE, bytes([code]) + p.str16(text))

    def remove(self, session):
        if self.sessions.get(session.addr) is session:
            del self.sessions[session.addr]
        if session.state == "member":
            session.state = "gone"
            print("* %s left" % session.name)
            self.broadcast(session, p.PRESENCE, bytes([2]) + p.str16(session.name))

    def holder_of(self, name):
        for member in self.members():
            if member.name.lower() == name.lower():
                return member
        return None

    # ---------------------------------------------------------- datagrams

    def on_datagram(self, data, addr):
        kind = p.packet_type(data)
        session = self.sessions.get(addr)
        if kind == p.HELLO:
            client_pub = data[2:34]
            if session and session.client_pub == client_pub:
                self.sock.sendto(session.welcome, addr)  # our WELCOME was lost
                return
            if session:
                self.remove(session)
            try:
                session = Session(self, addr, client_pub)
            except ValueError:
                return
            self.sessions[addr] = session
            self.sock.sendto(session.welcome, addr)
        elif kind == p.SEALED:
            if session is None:
                now = time.monotonic()
                if now - self.last_reset.get(addr, 0) >= 1:
                    self.last_reset[addr] = now
                    self.sock.sendto(p.RESET_PACKET, addr)
                return
            frames = session.link.receive(data)
            if frames is None:
                print("integrity check failed: message from %s was corrupted" % session.label())
                return
            for frame_kind, body in frames:
                try:
                    self.on_frame(session, frame_kind, p.Reader(body))
                except p.Malformed:
                    self.notice(session, p.MALFORMED, "malformed frame")
        else:
            label = session.label() if session else "%s:%d" % addr
            print("integrity check failed: message from %s was corrupted" % label)

    def on_frame(self, session, kind, body):
        if kind == p.JOIN:
            name, password = body.str16(), body.str16()
            body.end()
            if session.state == "keyed" and session.probe is None:
                self.join(session, name, password)
        elif kind == p.SAY:
            text = body.str16()
            body.end()
            if session.state != "member":
                self.notice(session, p.NOT_JOINED, "join first")
            elif len(text.encode("utf-8")) > 4096:
                self.notice(session, p.TOO_LONG, "at most 4096 bytes")
            else:
                now = int(time.time() * 1000)
                print("%s: %s" % (session.name, text))
                self.save_history((now, session.name, text))
                self.broadcast(session, p.MESSAGE, bytes([0]) + struct.pack(">Q", now)
                               + p.str16(session.name) + p.str16(text))
        elif kind == p.BYE:
            self.remove(session)
        elif kind == p.PING:
            pass  # the link already acknowledged it
        elif kind in (p.FILE_OFFER, p.FILE_CHUNK, p.FILE_END):
            self.notice(session, p.FILE_REJECTED, "this server does not relay files")
        else:
            self.notice(session, p.MALFORMED, "a client does not send this frame")

    # ---------------------------------------------------------- joining

    def check_join(self, name, password):
        if not p.hmac_equal(password, PASSWORD):
            return p.WRONG_PASSWORD
        if not valid_name(name):
            return p.INVALID_NAME
        if self.holder_of(name):
            return p.NAME_TAKEN
        return None

    def join(self, session, name, password):
        if self.check_join(name, password) == p.NAME_TAKEN:
            # the name only counts as taken if its holder still answers
            holder = self.holder_of(name)
            seq = holder.link.send(p.PING)
            session.probe = (holder, seq, time.monotonic() + NAME_PROBE, name, password)
            return
        self.finish_join(session, name, password)

    def finish_join(self, session, name, password):
        problem = self.check_join(name, password)
        if problem is not None:
            session.state = "refused"
            print('refused %s:%d as "%s": %s' % (session.addr + (name, p.ERRORS[problem])))
            session.link.send(p.REFUSED, bytes([problem]) + p.str16(""))
            return
        session.state = "member"
        session.name = name
        session.link.send(p.JOINED, p.str16(name))
        for when, sender, text in self.history[-1000:]:
            session.link.send(p.MESSAGE, bytes([1]) + struct.pack(">Q", when) + p.str16(sender) + p.str16(text))
        print("* %s joined" % name)
        self.broadcast(session, p.PRESENCE, bytes([1]) + p.str16(name))

    # ---------------------------------------------------------- timers

    def run_timers(self):
        now = time.monotonic()
        for session in list(self.sessions.values()):
            if self.sessions.get(session.addr) is not session:
                continue
            if not session.link.tick():
                self.remove(session)
                continue
            idle = now - session.link.last_heard
            if idle > (MEMBER_TIMEOUT if session.state == "member" else GUEST_TIMEOUT):
                self.remove(session)
                continue
            if session.probe:
                holder, seq, deadline, name, password = session.probe
                answered = holder.link.is_acked(seq)
                if answered or now >= deadline or holder.state != "member":
                    session.probe = None
                    if not answered and holder.state == "member":
                        self.remove(holder)
                    self.finish_join(session, name, password)

    def serve(self):
        while True:
            try:
                data, addr = self.sock.recvfrom(65535)
                self.on_datagram(data, addr)
            except socket.timeout:
                pass
            except ConnectionResetError:
                pass
            self.run_timers()


if __name__ == "__main__":
    try:
        ChatServer().serve()
    except KeyboardInterrupt:
        pass
