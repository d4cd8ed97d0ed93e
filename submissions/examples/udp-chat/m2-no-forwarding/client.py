# Chat client (UDP)
# a background thread prints whatever the server sends,
# the main thread reads the keyboard.
import socket
import sys
import threading

BUF = 2048


def receiver(sock):
    while True:
        try:
            data, _ = sock.recvfrom(BUF)
        except OSError:
            return
        print(data.decode(errors="replace"))


def main():
    try:
        ip = input("Server IP address: ").strip()
        port = int(input("Port number: ").strip())
        name = input("Your name: ").strip()
        password = input("Room password: ").strip()
    except (EOFError, KeyboardInterrupt, ValueError):
        print("cancelled")
        return

    server = (ip, port)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(5)
    sock.sendto(f"/join {name} {password}".encode(), server)
    try:
        reply, _ = sock.recvfrom(BUF)
    except socket.timeout:
        print("server did not reply")
        sys.exit(1)
    reply = reply.decode()
    if not reply.startswith("WELCOME"):
        print("Join denied:", reply.replace("DENIED ", ""))
        sys.exit(1)
    print(f"Joined the room as {name}. Type /quit to leave.")

    sock.settimeout(None)
    threading.Thread(target=receiver, args=(sock,), daemon=True).start()

    while True:
        try:
            text = input()
        except (EOFError, KeyboardInterrupt):
            text = "/quit"
        if text in ("/quit", "!q"):
            sock.sendto(b"/quit", server)
            break
        if text.strip():
            sock.sendto(f"/msg {text}".encode(), server)


if __name__ == "__main__":
    main()
