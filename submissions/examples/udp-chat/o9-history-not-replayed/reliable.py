"""Reliable, ordered delivery over UDP ("TCP over UDP").

One ReliableChannel per client-server session, on both ends:

- every message gets the next sequence number and goes out as a DATA datagram;
- the receiver answers every DATA with an ACK of its sequence number (also for
  duplicates, because the first ACK may have been lost);
- what is not acknowledged after RETRANSMIT_AFTER seconds is sent again;
- the receiver keeps early arrivals aside and hands messages to the app only
  in sequence order, each exactly once;
- at most WINDOW messages are in flight; the rest wait in a queue, so a big
  file does not overflow the other side's socket buffer.
"""
import threading
import time
from collections import deque

import protocol
from security import IntegrityError

RETRANSMIT_AFTER = 0.3   # seconds
MAX_TRIES = 40           # about 12 s of silence: the other side is gone
WINDOW = 32
MAX_AHEAD = 4096         # ignore sequence numbers absurdly far ahead


class Outgoing:
    """A sent DATA datagram waiting for its ACK."""

    def __init__(self, packet):
        self.packet = packet
        self.sent_at = time.monotonic()
        self.tries = 1


class ReliableChannel:
    def __init__(self, session, send_raw):
        self.session = session        # security.SecureSession
        self.send_raw = send_raw      # function(bytes): puts a datagram on the wire
        self.lock = threading.Lock()
        self.next_seq = 0
        self.in_flight = {}           # seq -> Outgoing
        self.queue = deque()          # (seq, packet) waiting for room in the window
        self.expected = 0             # next sequence number to hand to the app
        self.early = {}               # seq -> payload that arrived before its turn

    # ---------------------------------------------------------------- sending
    def send(self, payload):
        with self.lock:
            seq = self.next_seq
            self.next_seq += 1
            packet = self.session.seal(protocol.HEADER.pack(protocol.DATA, seq), payload)
            self.queue.append((seq, packet))
            self._fill_window()
        return seq

    def _fill_window(self):
        while self.queue and len(self.in_flight) < WINDOW:
            seq, packet = self.queue.popleft()
            self.in_flight[seq] = Outgoing(packet)
            self.send_raw(packet)

    def tick(self):
        """Retransmits what timed out. Returns False when the other side stopped answering."""
        now = time.monotonic()
        with self.lock:
            for out in self.in_flight.values():
                if now - out.sent_at < RETRANSMIT_AFTER:
                    continue
                if out.tries >= MAX_TRIES:
                    return False
                out.tries += 1
                out.sent_at = now
                self.send_raw(out.packet)
        return True

    def idle(self):
        with self.lock:
            return not self.in_flight and not self.queue

    def wait_until_idle(self, timeout):
        deadline = time.monotonic() + timeout
        while not self.idle() and time.monotonic() < deadline:
            time.sleep(0.05)

    # -------------------------------------------------------------- receiving
    def receive(self, datagram):
        """Handles one DATA or ACK datagram; returns the payloads now ready, in order.

        Raises IntegrityError when the datagram was corrupted or tampered with.
        """
        kind = protocol.kind_of(datagram)
        if kind == protocol.ACK:
            header = self.session.open_ack(datagram, protocol.HEADER_SIZE)
            _, seq = protocol.HEADER.unpack(header)
            with self.lock:
                self.in_flight.pop(seq, None)
                self._fill_window()
            return []
        if kind != protocol.DATA or len(datagram) < protocol.HEADER_SIZE:
            raise IntegrityError(f"unknown datagram kind {kind}")
        payload = self.session.open(datagram, protocol.HEADER_SIZE)
        _, seq = protocol.HEADER.unpack(datagram[:protocol.HEADER_SIZE])
        with self.lock:
            if seq >= self.expected + MAX_AHEAD:
                return []
            self.send_raw(self.session.seal_ack(protocol.HEADER.pack(protocol.ACK, seq)))
            if seq < self.expected or seq in self.early:
                return []                          # a duplicate: acked again, not delivered again
            self.early[seq] = payload
            ready = []
            while self.expected in self.early:
                ready.append(self.early.pop(self.expected))
                self.expected += 1
            return ready
