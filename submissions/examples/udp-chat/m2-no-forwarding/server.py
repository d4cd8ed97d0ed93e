# Chat server (UDP) - single thread, select() based
#
# commands from the client:
#   /join <name> <password>
#   /msg <text>
#   /quit
import select
import socket

PORT = 9999
PASSWORD = "123"
BUF = 2048

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("0.0.0.0", PORT))
print("[SERVER] running on port", PORT)

clients = {}   # (ip, port) -> name


def send(text, addr):
    sock.sendto(text.encode(), addr)


def broadcast(text, sender):
    # send the message to the other clients in the room
    for addr in clients:
        if addr == sender:
            send(text, addr)


def handle(data, addr):
    line = data.decode(errors="replace").strip()

    if line.startswith("/join "):
        parts = line.split(" ", 2)
        if len(parts) < 3:
            send("DENIED invalid join", addr)
            return
        name, password = parts[1], parts[2]
        if password != PASSWORD:
            print(f"[SERVER] {addr} wrong password")
            send("DENIED wrong password", addr)
            return
        if name in clients.values():
            print(f"[SERVER] {addr} name {name} already used")
            send("DENIED name already in use", addr)
            return
        clients[addr] = name
        print(f"[SERVER] {name} joined {addr}")
        send("WELCOME " + name, addr)
        return

    if addr not in clients:
        print(f"[SERVER] ignoring {addr}, not joined")
        return

    name = clients[addr]
    if line.startswith("/msg "):
        text = line[5:]
        print(f"[{name}] {text}")
        broadcast(f"[{name}] {text}", addr)
    elif line == "/quit":
        print(f"[SERVER] {name} left")
        del clients[addr]


while True:
    try:
        # timeout so that Ctrl+C still works
        readable, _, _ = select.select([sock], [], [], 1.0)
    except KeyboardInterrupt:
        print("[SERVER] bye")
        break
    for s in readable:
        data, addr = s.recvfrom(BUF)
        handle(data, addr)
