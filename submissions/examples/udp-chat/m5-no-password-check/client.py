"""
UDP Chat Client
Kelompok 7 - Jaringan Komputer
"""
import socket
import sys
import threading

client_socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)


def listen():
    """Thread: print everything the server sends us."""
    while True:
        try:
            data, _ = client_socket.recvfrom(2048)
        except OSError:
            break
        parts = data.decode(errors="ignore").split(":", 2)
        if parts[0] == "MSG" and len(parts) == 3:
            print(f"{parts[1]}: {parts[2]}")
        elif parts[0] == "INFO":
            print(f"[info] {parts[1]}")
        else:
            print(data.decode(errors="ignore"))


def login(server, nickname, password):
    client_socket.settimeout(5)
    client_socket.sendto(f"LOGIN:{nickname}:{password}".encode(), server)
    try:
        while True:
            data, _ = client_socket.recvfrom(2048)
            reply = data.decode(errors="ignore").split(":", 1)
            if reply[0] in ("WELCOME", "ERROR"):
                break   # others' INFO/MSG can come first when many log in at once
    except socket.timeout:
        print("No reply from server, is it running?")
        return False
    finally:
        client_socket.settimeout(None)
    if reply[0] == "WELCOME":
        print(f"Welcome, {reply[1]}! You can start chatting (!q to quit).")
        return True
    print("Login failed:", reply[-1])
    return False


def main():
    try:
        host = input("Host: ")
        port = int(input("Port: "))
        nickname = input("Nickname: ")
        password = input("Password: ")
    except (EOFError, KeyboardInterrupt, ValueError):
        return

    server = (host, port)
    if not login(server, nickname, password):
        sys.exit(1)

    threading.Thread(target=listen, daemon=True).start()
    while True:
        try:
            text = input()
        except (EOFError, KeyboardInterrupt):
            text = "!q"
        if text == "!q":
            client_socket.sendto(b"LOGOUT", server)
            break
        if text:
            client_socket.sendto(f"MSG:{text}".encode(), server)


if __name__ == "__main__":
    main()
