"""Sending and receiving binary files in chunks.

A file goes out as one FILE_OFFER (name, size, SHA-256, number of chunks)
followed by FILE_CHUNK messages of FILE_CHUNK_SIZE raw bytes each (base64 in
the JSON). The reliable channel delivers them once and in order; the
receiver still checks the SHA-256 of the whole file before saving it under
received/.
"""
import base64
import hashlib
import os
import secrets

import protocol

RECEIVED_DIR = "received"


def file_messages(path):
    """The messages that carry one file: an offer, then its chunks."""
    with open(path, "rb") as f:
        content = f.read()
    chunks = [content[i:i + protocol.FILE_CHUNK_SIZE]
              for i in range(0, len(content), protocol.FILE_CHUNK_SIZE)] or [b""]
    file_id = secrets.token_hex(4)
    yield protocol.encode(protocol.FILE_OFFER, id=file_id, name=os.path.basename(path),
                          size=len(content), sha256=hashlib.sha256(content).hexdigest(),
                          chunks=len(chunks))
    for index, chunk in enumerate(chunks):
        yield protocol.encode(protocol.FILE_CHUNK, id=file_id, index=index,
                              data=base64.b64encode(chunk).decode("ascii"))


class IncomingFile:
    """A file being received: its offer and the chunks so far."""

    def __init__(self, offer):
        self.sender = str(offer.get("sender", "?"))
        self.name = safe_name(str(offer.get("name", "file")))
        self.size = int(offer.get("size", 0))
        self.sha256 = str(offer.get("sha256", ""))
        self.total = int(offer.get("chunks", 0))
        self.chunks = {}

    def add(self, index, data):
        if 0 <= index < self.total:
            self.chunks[index] = data

    def complete(self):
        return len(self.chunks) == self.total

    def content(self):
        return b"".join(self.chunks[i] for i in range(self.total))


class FileReceiver:
    """Collects incoming files and saves them when complete."""

    def __init__(self, folder=RECEIVED_DIR):
        self.folder = folder
        self.incoming = {}      # (sender, id) -> IncomingFile

    def offer(self, msg):
        incoming = IncomingFile(msg)
        self.incoming[(incoming.sender, msg.get("id"))] = incoming
        print(f"* {incoming.sender} is sending you {incoming.name} ({incoming.size} bytes)...")

    def chunk(self, msg):
        key = (str(msg.get("sender", "?")), msg.get("id"))
        incoming = self.incoming.get(key)
        if incoming is None:
            return
        try:
            incoming.add(int(msg.get("index", -1)), base64.b64decode(msg.get("data", "")))
        except (ValueError, TypeError):
            return
        if incoming.complete():
            del self.incoming[key]
            self.save(incoming)

    def save(self, incoming):
        content = incoming.content()
        if hashlib.sha256(content).hexdigest() != incoming.sha256 or len(content) != incoming.size:
            print(f"* The file {incoming.name} from {incoming.sender} arrived corrupted (SHA-256 mismatch); not saved.")
            return
        os.makedirs(self.folder, exist_ok=True)
        path = unused_path(os.path.join(self.folder, incoming.name))
        with open(path, "wb") as f:
            f.write(content)
        print(f"* Received {incoming.name} from {incoming.sender}: saved as {path} ({len(content)} bytes)")


def safe_name(name):
    """Never let a name from the network write outside received/."""
    name = os.path.basename(name.replace("\\", "/"))
    return name if name not in ("", ".", "..") else "file"


def unused_path(path):
    base, ext = os.path.splitext(path)
    n = 1
    while os.path.exists(path):
        path = f"{base} ({n}){ext}"
        n += 1
    return path
