# TCP chat client: asks for the server, prints whatever arrives, sends what you type.
# /quit leaves.
import socket
import sys
import threading


def receive(sock):
    while True:
        try:
            data = sock.recv(4096)
        except OSError:
            return
        if not data:
            print("\nServer closed the connection.", flush=True)
            return
        sys.stdout.write(data.decode(errors="replace"))
        sys.stdout.flush()


def main():
    host = input("Server address: ").strip() or "127.0.0.1"
    port = int(input("Port: ").strip() or "5555")
    sock = socket.create_connection((host, port))
    threading.Thread(target=receive, args=(sock,), daemon=True).start()
    while True:
        try:
            line = input()
        except (EOFError, KeyboardInterrupt):
            break
        if line.strip() == "/quit":
            break
        sock.sendall((line + "\n").encode())
    sock.close()


if __name__ == "__main__":
    main()
