"""Shared helpers for the chat protocol.

Every datagram is one JSON object encoded as UTF-8, for example
    {"type": "join", "name": "alice", "password": "123"}
    {"type": "chat", "text": "halo semua"}
    {"type": "message", "sender": "alice", "text": "halo semua", "time": "10:37:10"}
"""
import json

BUFFER_SIZE = 4096

# message types client -> server
JOIN = "join"
CHAT = "chat"
LEAVE = "leave"

# message types server -> client
ACCEPT = "accept"
REFUSE = "refuse"
MESSAGE = "message"
NOTICE = "notice"


def encode(msg_type, **fields):
    """Build a datagram from a type and some fields."""
    fields["type"] = msg_type
    return json.dumps(fields).encode("utf-8")


def decode(data):
    """Parse a datagram. Returns a dict, or None if it is not valid JSON."""
    try:
        msg = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(msg, dict) or "type" not in msg:
        return None
    return msg
