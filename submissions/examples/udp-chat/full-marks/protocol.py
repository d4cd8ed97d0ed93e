"""Shared definitions of the chat protocol.

Datagrams on the wire (first byte = kind):

    HELLO      0x01 | client's Diffie-Hellman public value (256 bytes)
    KEY_REPLY  0x02 | server's Diffie-Hellman public value (256 bytes)
    DATA       0x03 | seq (4 bytes) | nonce (8) | RC4 ciphertext | HMAC-SHA256 (32)
    ACK        0x04 | seq (4 bytes) | HMAC-SHA256, first 8 bytes

HELLO/KEY_REPLY agree on the session key (security.py). DATA and ACK are the
reliable layer (reliable.py): every DATA is acknowledged, retransmitted until
it is, and delivered once and in order.

The plaintext of a DATA datagram is one JSON object, for example
    {"type": "join", "name": "alice", "password": "123"}
    {"type": "chat", "text": "halo semua"}
    {"type": "message", "sender": "alice", "text": "halo semua", "time": "10:37:10"}
    {"type": "file_offer", "id": "3f2a", "name": "foto.png", "size": 204800, "sha256": "...", "chunks": 200}
    {"type": "file_chunk", "id": "3f2a", "index": 0, "data": "<base64>"}
"""
import json
import struct

BUFFER_SIZE = 65535          # biggest UDP datagram; our own are at most ~1.5 KB
FILE_CHUNK_SIZE = 1024       # raw bytes of a file per datagram

# datagram kinds
HELLO = 0x01
KEY_REPLY = 0x02
DATA = 0x03
ACK = 0x04

HEADER = struct.Struct("!BI")   # kind, sequence number
HEADER_SIZE = HEADER.size

# message types client -> server
JOIN = "join"
CHAT = "chat"
LEAVE = "leave"
FILE_OFFER = "file_offer"
FILE_CHUNK = "file_chunk"

# message types server -> client
ACCEPT = "accept"
REFUSE = "refuse"
MESSAGE = "message"
NOTICE = "notice"


def kind_of(datagram):
    return datagram[0] if datagram else None


def encode(msg_type, **fields):
    """Build a message (the plaintext of a DATA datagram)."""
    fields["type"] = msg_type
    return json.dumps(fields).encode("utf-8")


def decode(data):
    """Parse a message. Returns a dict, or None if it is not a JSON object with a type."""
    try:
        msg = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(msg, dict) or "type" not in msg:
        return None
    return msg
