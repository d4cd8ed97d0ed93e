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

incoming = {}    # (sender, file id) -> dict with the offer and the chunks so far


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


def receive_offer(msg):
    sender = str(msg.get("sender", "?"))
    entry = {
        "sender": sender,
        "name": safe_name(str(msg.get("name", "file"))),
        "size": int(msg.get("size", 0)),
        "sha256": str(msg.get("sha256", "")),
        "total": int(msg.get("chunks", 0)),
        "chunks": {},
    }
    incoming[(sender, msg.get("id"))] = entry
    print(f"* {sender} is sending you {entry['name']} ({entry['size']} bytes)...")


def receive_chunk(msg):
    key = (str(msg.get("sender", "?")), msg.get("id"))
    entry = incoming.get(key)
    if entry is None:
        return
    try:
        index = int(msg.get("index", -1))
        data = base64.b64decode(msg.get("data", ""))
    except (ValueError, TypeError):
        return
    if 0 <= index < entry["total"]:
        entry["chunks"][index] = data
    if len(entry["chunks"]) == entry["total"]:
        del incoming[key]
        save_file(entry)


def save_file(entry):
    content = b"".join(entry["chunks"][i] for i in range(entry["total"]))
    if hashlib.sha256(content).hexdigest() != entry["sha256"] or len(content) != entry["size"]:
        print(f"* The file {entry['name']} from {entry['sender']} arrived corrupted (SHA-256 mismatch); not saved.")
        return
    os.makedirs(RECEIVED_DIR, exist_ok=True)
    path = unused_path(os.path.join(RECEIVED_DIR, entry["name"]))
    with open(path, "wb") as f:
        f.write(content)
    print(f"* Received {entry['name']} from {entry['sender']}: saved as {path} ({len(content)} bytes)")


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
