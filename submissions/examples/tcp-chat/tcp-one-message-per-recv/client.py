# Chat client (TCP)
# one thread prints what the server sends, the main thread sends what we type.
# type !q to quit
import socket
import sys
import threading


def receive(sock):
    while True:
        try:
            data = sock.recv(4096)
        except OSError:
            break
        if not data:
            break
        # print exactly what arrived, the server's prompt has no newline
        sys.stdout.write(data.decode(errors="replace"))
        sys.stdout.flush()
    print("\nDisconnected from chat server")
    sys.stdout.flush()


def main():
    host = input("Enter server IP: ").strip()
    port = int(input("Enter port: ").strip())

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.connect((host, port))
    except OSError as e:
        print("Unable to connect:", e)
        sys.exit(1)

    t = threading.Thread(target=receive, args=(sock,), daemon=True)
    t.start()

    while True:
        try:
            line = input()
        except (EOFError, KeyboardInterrupt):
            break
        if line.strip() == "!q":
            break
        try:
            sock.sendall((line + "\n").encode())
        except OSError:
            break
    sock.close()


if __name__ == "__main__":
    main()
