"""UDP chat room server.

Run:  python3 server.py
Clients agree on a session key with the server (Diffie-Hellman), then join
with a name and the room password. Every chat message is printed here,
saved in chat_history.json and forwarded, encrypted, to all the other
clients. A client that joins later first gets the saved history.
"""
import json
import os
import socket
import threading
import time
from datetime import datetime

import protocol
import reliable
import security

HOST = "0.0.0.0"       # listen on every interface
PORT = 9999
ROOM_PASSWORD = "123"
HISTORY_FILE = "chat_history.json"
HISTORY_REPLAY = 50     # how many saved messages a joining client gets

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
lock = threading.RLock()
# address -> peer dict: a client that finished the key agreement
# (a member of the room once "name" is set)
peers = {}
history = []


# ------------------------------------------------------------------ history
def load_history():
    try:
        with open(HISTORY_FILE, encoding="utf-8") as f:
            entries = json.load(f)
    except (OSError, ValueError):
        return []
    return entries if isinstance(entries, list) else []


def save_history(entry):
    history.append(entry)
    temp = HISTORY_FILE + ".tmp"
    with open(temp, "w", encoding="utf-8") as f:
        json.dump(history, f, ensure_ascii=False, indent=1)
    os.replace(temp, HISTORY_FILE)     # never leaves a half-written file


# ---------------------------------------------------------------- datagrams
def label(peer):
    return f"{peer['name'] or '?'} ({peer['addr'][0]}:{peer['addr'][1]})"


def handle_datagram(data, addr):
    kind = protocol.kind_of(data)
    if kind == protocol.HELLO:
        handle_hello(data[1:], addr)
        return
    peer = peers.get(addr)
    if peer is None:
        print(f"Ignoring a datagram from {addr[0]}:{addr[1]}: no session (say HELLO first)")
        return
    payloads = reliable.channel_receive(peer["channel"], data)
    if payloads is None:
        print(f"Integrity check failed on a datagram from {label(peer)}: HMAC mismatch. "
              f"It was corrupted or tampered with, so it is dropped; the sender will retransmit it.")
        return
    for payload in payloads:
        msg = protocol.decode(payload)
        if msg is None:
            print(f"Ignoring a malformed message from {label(peer)}")
            continue
        handle_message(peer, msg)


def handle_hello(client_public, addr):
    peer = peers.get(addr)
    if peer and peer["client_public"] == client_public:
        send_raw(peer["reply"], addr)          # our reply was lost: same answer again
        return
    private, public = security.dh_keypair()
    secret = security.dh_shared_secret(private, client_public)
    if secret is None:
        print(f"Bad key agreement from {addr[0]}:{addr[1]}: not a valid Diffie-Hellman public value")
        return
    if peer and peer["name"]:
        remove(peer, "reconnected")
    reply = bytes([protocol.KEY_REPLY]) + public
    peers[addr] = {
        "addr": addr,
        "client_public": client_public,    # to recognise a repeated HELLO
        "reply": reply,                    # sent again if the first was lost
        "channel": reliable.new_channel(security.new_session(secret),
                                        lambda packet: send_raw(packet, addr)),
        "name": None,                      # set when the join is accepted
        "refused": False,
    }
    send_raw(reply, addr)


# ----------------------------------------------------------------- messages
def handle_message(peer, msg):
    kind = msg["type"]
    if kind == protocol.JOIN:
        handle_join(peer, msg)
    elif peer["name"] is None:
        # not a member: never forward anything it sends
        print(f"Dropped a {kind!r} message from {label(peer)}: not in the room")
    elif kind == protocol.CHAT:
        handle_chat(peer, msg)
    elif kind == protocol.FILE_OFFER:
        print(f"{peer['name']} is sending the file {msg.get('name')!r} ({msg.get('size')} bytes)")
        broadcast(dict(msg, sender=peer["name"]), exclude=peer)
    elif kind == protocol.FILE_CHUNK:
        broadcast(dict(msg, sender=peer["name"]), exclude=peer)
    elif kind == protocol.LEAVE:
        remove(peer, "left the room")
    else:
        print(f"Unknown message type {kind!r} from {label(peer)}")


def handle_join(peer, msg):
    name = str(msg.get("name", "")).strip()
    password = str(msg.get("password", ""))
    taken = any(p["name"] == name for p in peers.values() if p is not peer)
    if password != ROOM_PASSWORD:
        reason = "Incorrect password."
    elif not name:
        reason = "Name must not be empty."
    elif taken:
        reason = "Name already taken."
    else:
        reason = None
    addr = peer["addr"]
    if reason:
        print(f"Refused join from {addr[0]}:{addr[1]} as {name!r}: {reason}")
        peer["refused"] = True
        send(peer, protocol.REFUSE, reason=reason)
        return
    if peer["name"] == name:
        return                          # the same join again
    peer["name"] = name
    print(f"{name} joined from {addr[0]}:{addr[1]}")
    send(peer, protocol.ACCEPT, name=name)
    replay_history(peer)
    broadcast({"type": protocol.NOTICE, "text": f"{name} joined the room"}, exclude=peer)


def replay_history(peer):
    entries = history[-HISTORY_REPLAY:]
    if not entries:
        return
    send(peer, protocol.NOTICE, text=f"--- last {len(entries)} messages ---")
    for entry in entries:
        send(peer, protocol.MESSAGE, history=True, **entry)
    send(peer, protocol.NOTICE, text="--- end of history ---")


def handle_chat(peer, msg):
    text = str(msg.get("text", ""))
    stamp = datetime.now().strftime("%H:%M:%S")
    print(f"[{stamp}] {peer['name']}: {text}")
    entry = {"sender": peer["name"], "text": text, "time": stamp}
    save_history(entry)
    broadcast(dict(entry, type=protocol.MESSAGE), exclude=peer)


def remove(peer, why):
    peers.pop(peer["addr"], None)
    if peer["name"]:
        print(f"{peer['name']} {why}")
        broadcast({"type": protocol.NOTICE, "text": f"{peer['name']} {why}"})


# ------------------------------------------------------------------ sending
def send_raw(packet, addr):
    try:
        sock.sendto(packet, addr)
    except OSError as err:
        print(f"Could not send to {addr}: {err}")


def send(peer, msg_type, **fields):
    reliable.channel_send(peer["channel"], protocol.encode(msg_type, **fields))


def broadcast(msg, exclude=None):
    payload = json.dumps(msg).encode("utf-8")
    for peer in list(peers.values()):
        if peer["name"] and peer is not exclude:
            reliable.channel_send(peer["channel"], payload)


def retransmit_loop():
    while True:
        time.sleep(0.05)
        with lock:
            for peer in list(peers.values()):
                if not reliable.channel_tick(peer["channel"]):
                    remove(peer, "stopped answering and was removed")
                elif peer["refused"] and reliable.channel_idle(peer["channel"]):
                    peers.pop(peer["addr"], None)   # it knows it was refused


def main():
    history.extend(load_history())
    sock.bind((HOST, PORT))
    print(f"Server listening on {HOST}:{PORT}")
    if history:
        print(f"Loaded {len(history)} messages from {HISTORY_FILE}")
    threading.Thread(target=retransmit_loop, daemon=True).start()
    try:
        while True:
            data, addr = sock.recvfrom(protocol.BUFFER_SIZE)
            with lock:
                handle_datagram(data, addr)
    except KeyboardInterrupt:
        print("\nServer stopped.")


if __name__ == "__main__":
    main()
