#!/usr/bin/env python3
"""A minimal client of reference/PROTOCOL.md, written from that document alone, to show that a
student can build a client compatible with the reference server.

Usage: python3 protocol_client.py HOST PORT NAME PASSWORD
Each stdin line is a chat message; "!q" or end of input quits. Prints like the reference client.
"""
import socket
import struct
import sys
import threading
import time
import zlib

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

VERSION = 1
HELLO, WELCOME, SEALED, RESET = 1, 2, 3, 4
ACK, JOIN, JOINED, REFUSED, SAY, MESSAGE, PRESENCE, BYE = 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0A
REASONS = {1: "incorrect password", 2: "name already taken", 3: "invalid name"}


def say(line):
    print(line, flush=True)


def crc(data):
    return struct.pack(">I", zlib.crc32(data) & 0xFFFFFFFF)


def str16(text):
    raw = text.encode("utf-8")
    return struct.pack(">H", len(raw)) + raw


class Reader:
    def __init__(self, data):
        self.data, self.at = data, 0

    def take(self, n):
        if self.at + n > len(self.data):
            raise ValueError("short frame")
        part = self.data[self.at:self.at + n]
        self.at += n
        return part

    def u8(self):
        return self.take(1)[0]

    def str16(self):
        (n,) = struct.unpack(">H", self.take(2))
        return self.take(n).decode("utf-8")


class Client:
    def __init__(self, host, port, name, password):
        self.server = (host, port)
        self.name, self.password = name, password
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.lock = threading.Lock()
        self.send_number = 0
        self.next_seq = 0
        self.expected = 0
        self.buffer = {}
        self.unacked = {}  # seq -> [frame kind, body, due time, timeout]
        self.done = threading.Event()
        self.exit_code = 0

    def handshake(self):
        private = X25519PrivateKey.generate()
        mine = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        hello = bytes([HELLO, VERSION]) + mine
        hello += crc(hello)
        for attempt in range(12):
            self.sock.sendto(hello, self.server)
            self.sock.settimeout(min(1.0, 0.25 * 2 ** attempt))
            try:
                while True:
                    data, source = self.sock.recvfrom(65535)
                    if source != self.server or len(data) != 70 or data[:2] != bytes([WELCOME, VERSION]):
                        continue
                    if crc(data[:66]) != data[66:] or data[34:66] != mine:
                        continue
                    theirs = data[2:34]
                    shared = private.exchange(X25519PublicKey.from_public_bytes(theirs))
                    okm = HKDF(algorithm=hashes.SHA256(), length=72, salt=mine + theirs,
                               info=b"sockgrade udp-chat v1").derive(shared)
                    self.send_key, self.receive_key = AESGCM(okm[0:32]), AESGCM(okm[32:64])
                    self.send_prefix, self.receive_prefix = okm[64:68], okm[68:72]
                    self.sock.settimeout(None)
                    return
            except socket.timeout:
                continue
        say("error: no answer from server")
        sys.exit(1)

    def transmit(self, kind, seq, body):
        frame = struct.pack(">BII", kind, seq, self.expected) + body
        frame += crc(frame)
        header = bytes([SEALED, VERSION]) + struct.pack(">Q", self.send_number)
        nonce = self.send_prefix + struct.pack(">Q", self.send_number)
        self.send_number += 1
        self.sock.sendto(header + self.send_key.encrypt(nonce, frame, header), self.server)

    def send(self, kind, body=b""):
        with self.lock:
            seq = self.next_seq
            self.next_seq += 1
            self.unacked[seq] = [kind, body, time.monotonic() + 0.25, 0.25]
            self.transmit(kind, seq, body)

    def retransmit_loop(self):
        while not self.done.wait(0.05):
            with self.lock:
                now = time.monotonic()
                for seq, item in self.unacked.items():
                    if item[2] <= now:
                        item[3] = min(2.0, item[3] * 2)
                        item[2] = now + item[3]
                        self.transmit(item[0], seq, item[1])

    def receive_loop(self):
        while not self.done.is_set():
            data, source = self.sock.recvfrom(65535)
            if source != self.server:
                continue
            if len(data) == 70 and data[0] == WELCOME:
                continue  # a late copy of the WELCOME already used
            if data == bytes([RESET, VERSION]) + crc(bytes([RESET, VERSION])):
                say("error: the server forgot this session")
                self.exit_code = 1
                self.done.set()
                continue
            if len(data) < 26 or data[:2] != bytes([SEALED, VERSION]):
                say("integrity check failed: message from server was corrupted")
                continue
            header, number = data[:10], data[2:10]
            try:
                frame = self.receive_key.decrypt(self.receive_prefix + number, data[10:], header)
            except InvalidTag:
                say("integrity check failed: message from server was corrupted")
                continue
            if len(frame) < 13 or crc(frame[:-4]) != frame[-4:]:
                say("integrity check failed: message from server was corrupted")
                continue
            kind, seq, ack = struct.unpack(">BII", frame[:9])
            with self.lock:
                for done_seq in [s for s in self.unacked if s < ack or (kind == ACK and s == seq)]:
                    del self.unacked[done_seq]
                if kind == ACK:
                    continue
                if seq >= self.expected and seq not in self.buffer:
                    self.buffer[seq] = (kind, frame[9:-4])
                ready = []
                while self.expected in self.buffer:
                    ready.append(self.buffer.pop(self.expected))
                    self.expected += 1
                self.transmit(ACK, seq, b"")
            for kind, body in ready:
                self.deliver(kind, Reader(body))

    def deliver(self, kind, body):
        if kind == JOINED:
            say("joined as " + body.str16())
        elif kind == REFUSED:
            say("refused: " + REASONS.get(body.u8(), "refused"))
            self.exit_code = 1
            self.done.set()
        elif kind == MESSAGE:
            flags = body.u8()
            body.take(8)
            sender, text = body.str16(), body.str16()
            say(("[history] " if flags & 1 else "") + sender + ": " + text)
        elif kind == PRESENCE:
            event = body.u8()
            say("* " + body.str16() + (" joined" if event == 1 else " left"))

    def run(self):
        self.handshake()
        threading.Thread(target=self.receive_loop, daemon=True).start()
        threading.Thread(target=self.retransmit_loop, daemon=True).start()
        self.send(JOIN, str16(self.name) + str16(self.password))
        threading.Thread(target=self.read_input, daemon=True).start()
        self.done.wait()
        return self.exit_code

    def read_input(self):
        for line in sys.stdin:
            text = line.rstrip("\r\n")
            if text.strip() == "!q":
                break
            if text.strip():
                self.send(SAY, str16(text))
        self.send(BYE)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            with self.lock:
                if not self.unacked:
                    break
            time.sleep(0.05)
        self.done.set()


if __name__ == "__main__":
    host, port, name, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    sys.exit(Client(host, port, name, password).run())
