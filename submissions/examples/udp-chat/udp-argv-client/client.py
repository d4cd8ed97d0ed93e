# Tugas Besar Jaringan Komputer - UDP chat client
# usage: python3 client.py <server ip> <port> <username> <password>
import json
import socket
import sys
import threading

if len(sys.argv) != 5:
    print("usage: python3 client.py <server ip> <port> <username> <password>")
    sys.exit(2)

server = (sys.argv[1], int(sys.argv[2]))
username = sys.argv[3]
password = sys.argv[4]

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)


def send(obj):
    sock.sendto(json.dumps(obj).encode(), server)


def receive():
    while True:
        try:
            data, _ = sock.recvfrom(65535)
            msg = json.loads(data.decode())
        except (OSError, ValueError):
            continue
        if msg.get("type") == "chat":
            print(f"<{msg.get('from')}> {msg.get('text')}")
        else:
            print(f"-- {msg.get('text')}")


send({"type": "join", "user": username, "password": password})
sock.settimeout(5)
try:
    while True:
        reply = json.loads(sock.recvfrom(65535)[0].decode())
        if reply.get("type") in ("ok", "error"):
            break
except socket.timeout:
    print("no answer from", server)
    sys.exit(1)
sock.settimeout(None)

if reply["type"] == "error":
    print("server refused:", reply.get("text"))
    sys.exit(1)
print(reply.get("text"))

threading.Thread(target=receive, daemon=True).start()
for line in sys.stdin:
    line = line.rstrip("\n")
    if line:
        send({"type": "chat", "text": line})
send({"type": "leave"})
