"""Reliable, ordered delivery over UDP ("TCP over UDP").

One channel per client-server session, on both ends (a dict, see new_channel):

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
import security

RETRANSMIT_AFTER = 0.3   # seconds
MAX_TRIES = 40           # about 12 s of silence: the other side is gone
WINDOW = 32
MAX_AHEAD = 4096         # ignore sequence numbers absurdly far ahead


def new_channel(session, send_raw):
    return {
        "session": session,        # security session dict
        "send_raw": send_raw,      # function(bytes): puts a datagram on the wire
        "lock": threading.Lock(),
        "next_seq": 0,
        "in_flight": {},           # seq -> [packet, sent_at, tries]
        "queue": deque(),          # (seq, packet) waiting for room in the window
        "expected": 0,             # next sequence number to hand to the app
        "early": {},               # seq -> payload that arrived before its turn
    }


# ------------------------------------------------------------------- sending
def channel_send(ch, payload):
    with ch["lock"]:
        seq = ch["next_seq"]
        ch["next_seq"] += 1
        packet = security.seal(ch["session"], protocol.HEADER.pack(protocol.DATA, seq), payload)
        ch["queue"].append((seq, packet))
        _fill_window(ch)
    return seq


def _fill_window(ch):
    while ch["queue"] and len(ch["in_flight"]) < WINDOW:
        seq, packet = ch["queue"].popleft()
        ch["in_flight"][seq] = [packet, time.monotonic(), 1]
        ch["send_raw"](packet)


def channel_tick(ch):
    """Retransmits what timed out. Returns False when the other side stopped answering."""
    now = time.monotonic()
    with ch["lock"]:
        for entry in ch["in_flight"].values():
            packet, sent_at, tries = entry
            if now - sent_at < RETRANSMIT_AFTER:
                continue
            if tries >= MAX_TRIES:
                return False
            entry[1] = now
            entry[2] = tries + 1
            ch["send_raw"](packet)
    return True


def channel_idle(ch):
    with ch["lock"]:
        return not ch["in_flight"] and not ch["queue"]


def channel_wait_until_idle(ch, timeout):
    deadline = time.monotonic() + timeout
    while not channel_idle(ch) and time.monotonic() < deadline:
        time.sleep(0.05)


# ----------------------------------------------------------------- receiving
def channel_receive(ch, datagram):
    """Handles one DATA or ACK datagram; returns the payloads now ready, in order,
    or None when the datagram was corrupted or tampered with (HMAC mismatch)."""
    kind = protocol.kind_of(datagram)
    session = ch["session"]
    if kind == protocol.ACK:
        header = security.open_ack(session, datagram, protocol.HEADER_SIZE)
        if header is None:
            return None
        _, seq = protocol.HEADER.unpack(header)
        with ch["lock"]:
            ch["in_flight"].pop(seq, None)
            _fill_window(ch)
        return []
    if kind != protocol.DATA or len(datagram) < protocol.HEADER_SIZE:
        return None
    payload = security.open_sealed(session, datagram, protocol.HEADER_SIZE)
    if payload is None:
        return None
    _, seq = protocol.HEADER.unpack(datagram[:protocol.HEADER_SIZE])
    with ch["lock"]:
        if seq >= ch["expected"] + MAX_AHEAD:
            return []
        ch["send_raw"](security.seal_ack(session, protocol.HEADER.pack(protocol.ACK, seq)))
        if seq < ch["expected"] or seq in ch["early"]:
            return []                          # a duplicate: acked again, not delivered again
        ch["early"][seq] = payload
        ready = []
        while ch["expected"] in ch["early"]:
            ready.append(ch["early"].pop(ch["expected"]))
            ch["expected"] += 1
        return ready
