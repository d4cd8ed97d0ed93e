"""UDP chat room client.

Run:  python3 client.py
Type a line to send it to everyone in the room,
     /file <path>  to send a file (saved by the others under received/),
     !q            to quit.
"""
import os
import socket
import sys
import threading
import time

import files
import protocol
import reliable
import security

HELLO_TIMEOUT = 3     # seconds to wait for the server's key
HELLO_ATTEMPTS = 3    # UDP can lose the handshake, so try a few times
JOIN_TIMEOUT = 10

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server = None          # (ip, port)
name = ""
channel = None         # reliable channel to the server, after the handshake
join_answer = threading.Event()
state = {"accepted": False, "running": False}


# ------------------------------------------------------------------- joining
def handshake():
    """Agrees on a session key with the server. Returns True on success."""
    global channel
    private, public = security.dh_keypair()
    hello = bytes([protocol.HELLO]) + public
    sock.settimeout(HELLO_TIMEOUT)
    for _ in range(HELLO_ATTEMPTS):
        sock.sendto(hello, server)
        try:
            data, addr = sock.recvfrom(protocol.BUFFER_SIZE)
        except socket.timeout:
            continue
        if protocol.kind_of(data) != protocol.KEY_REPLY:
            continue
        secret = security.dh_shared_secret(private, data[1:])
        if secret is None:
            continue
        channel = reliable.new_channel(security.new_session(secret),
                                       lambda packet: sock.sendto(packet, server))
        return True
    return False


def join(password):
    """Sends the join request and waits for accept/refuse. Returns True if accepted."""
    if not handshake():
        print("No answer from the server.")
        return False
    state["running"] = True
    sock.settimeout(None)
    threading.Thread(target=receive_loop, daemon=True).start()
    threading.Thread(target=retransmit_loop, daemon=True).start()
    send(protocol.JOIN, name=name, password=password)
    if not join_answer.wait(JOIN_TIMEOUT):
        print("No answer from the server.")
        return False
    return state["accepted"]


# ----------------------------------------------------------------- receiving
def receive_loop():
    while state["running"]:
        try:
            data, addr = sock.recvfrom(protocol.BUFFER_SIZE)
        except OSError:
            break
        if addr != server or protocol.kind_of(data) == protocol.KEY_REPLY:
            continue
        payloads = reliable.channel_receive(channel, data)
        if payloads is None:
            print("! Integrity check failed on a datagram from the server (HMAC mismatch); dropped, waiting for the retransmission.")
            continue
        for payload in payloads:
            msg = protocol.decode(payload)
            if msg is not None:
                handle(msg)


def handle(msg):
    kind = msg["type"]
    if kind == protocol.ACCEPT:
        print(f"Welcome to the chat room, {name}! Type !q to quit, /file <path> to send a file.")
        state["accepted"] = True
        join_answer.set()
    elif kind == protocol.REFUSE:
        print(f"Join refused: {msg.get('reason', 'no reason given')}")
        join_answer.set()
    elif kind == protocol.MESSAGE:
        when = f"{msg.get('time', '')}, earlier" if msg.get("history") else msg.get("time", "")
        print(f"[{when}] {msg.get('sender')}: {msg.get('text')}")
    elif kind == protocol.NOTICE:
        print(f"* {msg.get('text')}")
    elif kind == protocol.FILE_OFFER:
        files.receive_offer(msg)
    elif kind == protocol.FILE_CHUNK:
        files.receive_chunk(msg)


def retransmit_loop():
    while state["running"]:
        time.sleep(0.05)
        if not reliable.channel_tick(channel):
            print("! The server stopped answering.")
            state["running"] = False
            os._exit(1)


# ------------------------------------------------------------------- sending
def send(msg_type, **fields):
    reliable.channel_send(channel, protocol.encode(msg_type, **fields))


def send_file(path):
    if not os.path.isfile(path):
        print(f"! No such file: {path}")
        return
    for payload in files.file_messages(path):
        reliable.channel_send(channel, payload)
    print(f"* Sending {os.path.basename(path)} ({os.path.getsize(path)} bytes)...")


def input_loop():
    while state["running"]:
        try:
            line = input()
        except (EOFError, KeyboardInterrupt):
            break
        line = line.strip()
        if not line:
            continue
        if line == "!q":
            break
        if line.startswith("/file "):
            send_file(line[len("/file "):].strip())
        else:
            send(protocol.CHAT, text=line)
    quit_chat()


def quit_chat():
    if not state["running"]:
        return
    send(protocol.LEAVE)
    reliable.channel_wait_until_idle(channel, 1.0)     # let what we typed last get through
    state["running"] = False
    print("Bye!")


def ask(prompt):
    try:
        return input(prompt).strip()
    except (EOFError, KeyboardInterrupt):
        print()
        sys.exit(0)


def main():
    global server, name
    server_ip = ask("Server IP: ")
    try:
        server_ip = socket.gethostbyname(server_ip)    # "localhost" -> 127.0.0.1, to match replies
    except OSError:
        print(f"Unknown host {server_ip}")
        sys.exit(1)
    while True:
        try:
            server_port = int(ask("Port: "))
            break
        except ValueError:
            print("The port must be a number.")
    server = (server_ip, server_port)
    name = ask("Username: ")
    password = ask("Password: ")
    try:
        if not join(password):
            sys.exit(1)
        input_loop()
    except KeyboardInterrupt:
        print("\nBye!")


if __name__ == "__main__":
    main()
