# The wire protocol of the course (PROTOCOL.md, version 1): datagrams, frames,
# key derivation, and the reliable encrypted link both programs use.
import hmac
import struct
import time
import zlib

from chatcrypto import AESGCM, InvalidTag, hkdf_sha256, x25519

VERSION = 1

# datagram types
HELLO = 0x01
WELCOME = 0x02
SEALED = 0x03
RESET = 0x04

# frame kinds
ACK = 0x00
JOIN = 0x01
JOINED = 0x02
REFUSED = 0x03
SAY = 0x04
MESSAGE = 0x05
PRESENCE = 0x06
FILE_OFFER = 0x07
FILE_CHUNK = 0x08
FILE_END = 0x09
BYE = 0x0A
PING = 0x0B
NOTICE = 0x0C

# error codes (REFUSED and NOTICE)
WRONG_PASSWORD = 1
NAME_TAKEN = 2
INVALID_NAME = 3
NOT_JOINED = 4
MALFORMED = 5
TOO_LONG = 6
FILE_REJECTED = 7

ERRORS = {
    1: "incorrect password",
    2: "name already taken",
    3: 'invalid name (1 to 32 characters, no spaces, no ":")',
    4: "not joined",
    5: "malformed frame",
    6: "message too long",
    7: "file rejected",
}

KDF_INFO = b"sockgrade udp-chat v1"

WINDOW = 64            # frames in flight at most
RECEIVE_WINDOW = 1024  # frames further ahead than this are dropped
MAX_RETRIES = 12
MIN_RTO, MAX_RTO, FIRST_RTO = 0.1, 2.0, 0.25


class Malformed(Exception):
    pass


def crc(data):
    return struct.pack(">I", zlib.crc32(data) & 0xFFFFFFFF)


def hmac_equal(a, b):
    """Compares two passwords in constant time."""
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


def str16(text):
    raw = text.encode("utf-8")
    return len(raw).to_bytes(2, "little") + raw


class Reader:
    """Reads the fields of a frame body one after the other."""

    def __init__(self, data):
        self.data = data
        self.pos = 0

    def take(self, n):
        if self.pos + n > len(self.data):
            raise Malformed("frame too short")
        part = self.data[self.pos:self.pos + n]
        self.pos += n
        return part

    def u8(self):
        return self.take(1)[0]

    def u32(self):
        return struct.unpack(">I", self.take(4))[0]

    def u64(self):
        return struct.unpack(">Q", self.take(8))[0]

    def str16(self):
        n = int.from_bytes(self.take(2), "little")
        try:
            return self.take(n).decode("utf-8")
        except UnicodeDecodeError:
            raise Malformed("invalid UTF-8")

    def end(self):
        if self.pos != len(self.data):
            raise Malformed("extra bytes in frame")


# ------------------------------------------------------------ datagrams

def make_hello(client_pub):
    packet = bytes([HELLO, VERSION]) + client_pub
    return packet + crc(packet)


def make_welcome(server_pub, client_pub):
    packet = bytes([WELCOME, VERSION]) + server_pub + client_pub
    return packet + crc(packet)


RESET_PACKET = bytes([RESET, VERSION]) + crc(bytes([RESET, VERSION]))


def packet_type(data):
    """The type of a valid datagram, or None when it is invalid (corrupted)."""
    if len(data) < 2 or data[1] != VERSION:
        return None
    kind = data[0]
    if kind == HELLO and len(data) == 38 and crc(data[:34]) == data[34:]:
        return HELLO
    if kind == WELCOME and len(data) == 70 and crc(data[:66]) == data[66:]:
        return WELCOME
    if kind == RESET and data == RESET_PACKET:
        return RESET
    if kind == SEALED and len(data) >= 26:
        return SEALED
    return None


def derive_keys(own_private, peer_public, client_pub, server_pub):
    shared = x25519(own_private, peer_public)
    if shared == bytes(32):
        raise ValueError("bad public key")
    okm = hkdf_sha256(shared, client_pub + server_pub, KDF_INFO, 72)
    return {
        "c2s_key": okm[0:32],
        "s2c_key": okm[32:64],
        "c2s_prefix": okm[64:68],
        "s2c_prefix": okm[68:72],
    }


# ------------------------------------------------------------ the link

class Link:
    """Sealing and reliability for one session (one side of it).

    send(kind, body) queues a reliable frame; receive(datagram) returns the
    frames that can now be handed to the program, in order; tick() re-sends
    what was not acknowledged in time. Not thread safe: the caller locks.
    """

    def __init__(self, keys, role, transmit):
        if role == "client":
            self.send_aead = AESGCM(keys["c2s_key"])
            self.send_prefix = keys["c2s_prefix"]
            self.recv_aead = AESGCM(keys["s2c_key"])
            self.recv_prefix = keys["s2c_prefix"]
        else:
            self.send_aead = AESGCM(keys["s2c_key"])
            self.send_prefix = keys["s2c_prefix"]
            self.recv_aead = AESGCM(keys["c2s_key"])
            self.recv_prefix = keys["c2s_prefix"]
        self.transmit = transmit      # function(datagram)
        self.packet_number = 0
        self.next_seq = 0             # next seq we give a frame
        self.expected = 0             # next seq we expect from the peer
        self.received = {}            # seq -> (kind, body), waiting for a gap
        self.in_flight = {}           # seq -> [kind, body, due, timeout, retries, sent_at]
        self.waiting = []             # (seq, kind, body) that do not fit in the window yet
        self.srtt = None
        self.rttvar = None
        self.rto = FIRST_RTO
        self.last_heard = time.monotonic()
        self.last_sent = time.monotonic()
        self.dead = False

    # -- sending

    def _send_frame(self, kind, seq, body):
        frame = struct.pack(">BII", kind, seq, self.expected) + body
        frame += crc(frame)
        header = bytes([SEALED, VERSION]) + struct.pack(">Q", self.packet_number)
        nonce = self.send_prefix + struct.pack(">Q", self.packet_number)
        self.packet_number += 1
        self.transmit(header + self.send_aead.encrypt(nonce, frame, header))

    def send(self, kind, body=b""):
        seq = self.next_seq
        self.next_seq += 1
        self.last_sent = time.monotonic()
        if len(self.in_flight) >= WINDOW:
            self.waiting.append((seq, kind, body))
        else:
            self._launch(seq, kind, body)
        return seq

    def _launch(self, seq, kind, body):
        now = time.monotonic()
        self.in_flight[seq] = [kind, body, now + self.rto, self.rto, 0, now]
        self._send_frame(kind, seq, body)

    def pending(self):
        return len(self.in_flight) + len(self.waiting)

    def is_acked(self, seq):
        return seq < self.next_seq and seq not in self.in_flight and all(s != seq for s, _, _ in self.waiting)

    def unacked_bodies(self):
        frames = [(seq, item[0], item[1]) for seq, item in self.in_flight.items()] + self.waiting
        return [(kind, body) for seq, kind, body in sorted(frames)]

    def tick(self):
        """Re-sends frames whose timer ran out. Returns False when the peer is gone."""
        now = time.monotonic()
        for seq, item in sorted(self.in_flight.items()):
            if item[2] <= now:
                if item[4] >= MAX_RETRIES:
                    self.dead = True
                    return False
                item[4] += 1
                item[3] = min(MAX_RTO, item[3] * 2)
                item[2] = now + item[3]
                self._send_frame(item[0], seq, item[1])
        return True

    def _acknowledged(self, seq):
        item = self.in_flight.pop(seq, None)
        if item is None:
            return
        if item[4] == 0:  # Karn: only frames sent once give an RTT sample
            self._rtt_sample(time.monotonic() - item[5])

    def _rtt_sample(self, r):
        if self.srtt is None:
            self.srtt, self.rttvar = r, r / 2
        else:
            self.rttvar = 0.75 * self.rttvar + 0.25 * abs(self.srtt - r)
            self.srtt = 0.875 * self.srtt + 0.125 * r
        self.rto = max(MIN_RTO, min(MAX_RTO, self.srtt + 4 * self.rttvar))

    # -- receiving

    def receive(self, data):
        """Opens a SEALED datagram. Returns the list of (kind, body) frames
        now deliverable in order, or None when the datagram is corrupted."""
        header = data[:10]
        nonce = self.recv_prefix + data[2:10]
        try:
            frame = self.recv_aead.decrypt(nonce, data[10:], header)
        except InvalidTag:
            return None
        if len(frame) < 13 or crc(frame[:-4]) != frame[-4:]:
            return None
        self.last_heard = time.monotonic()
        kind, seq, ack = struct.unpack(">BII", frame[:9])
        body = frame[9:-4]
        for done in [s for s in self.in_flight if s < ack]:
            self._acknowledged(done)
        if kind == ACK:
            self._acknowledged(seq)
            self._refill()
            return []
        self._refill()
        if seq < self.expected or seq in self.received:
            self._send_frame(ACK, seq, b"")  # a duplicate; our ACK may have been lost
            return []
        if seq >= self.expected + RECEIVE_WINDOW:
            return []
        self.received[seq] = (kind, body)
        ready = []
        while self.expected in self.received:
            ready.append(self.received.pop(self.expected))
            self.expected += 1
        self._send_frame(ACK, seq, b"")
        return ready

    def _refill(self):
        while self.waiting and len(self.in_flight) < WINDOW:
            seq, kind, body = self.waiting.pop(0)
            self._launch(seq, kind, body)
