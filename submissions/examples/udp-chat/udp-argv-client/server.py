# Tugas Besar Jaringan Komputer - UDP chat server
# single loop, no threads: every datagram is handled as it comes
import json
import socket

PORT = 9999
PASSWORD = "123"

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("", PORT))
print("server running on port", PORT)

users = {}  # address -> username


def send(obj, addr):
    sock.sendto(json.dumps(obj).encode(), addr)


def broadcast(obj, sender):
    for addr in users:
        if addr != sender:
            send(obj, addr)


while True:
    data, addr = sock.recvfrom(65535)
    try:
        msg = json.loads(data.decode())
    except (UnicodeDecodeError, ValueError):
        print("bad packet from", addr)
        continue
    kind = msg.get("type")

    if kind == "join":
        user = msg.get("user", "")
        if msg.get("password") != PASSWORD:
            print("wrong password from", addr)
            send({"type": "error", "text": "wrong password"}, addr)
        elif user in users.values():
            print("duplicate name", user, "from", addr)
            send({"type": "error", "text": "username already in use"}, addr)
        else:
            users[addr] = user
            print(user, "connected from", addr)
            send({"type": "ok", "text": f"connected as {user}"}, addr)
            broadcast({"type": "info", "text": f"{user} joined"}, addr)

    elif addr not in users:
        send({"type": "error", "text": "please join first"}, addr)

    elif kind == "chat":
        print(f"{users[addr]}: {msg.get('text', '')}")
        broadcast({"type": "chat", "from": users[addr], "text": msg.get("text", "")}, addr)

    elif kind == "leave":
        user = users.pop(addr)
        print(user, "disconnected")
        broadcast({"type": "info", "text": f"{user} left"}, addr)
