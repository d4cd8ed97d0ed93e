"""UDP chat client: asks where the server is, joins, then a thread prints what arrives."""
import socket
import sys
import threading


class ChatClient:
    def __init__(self, server):
        self.server = server
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)

    def join(self, name, password):
        self.sock.settimeout(5)
        self.sock.sendto(f"JOIN|{name}|{password}".encode(), self.server)
        try:
            while True:
                data, _ = self.sock.recvfrom(4096)
                kind, _, text = data.decode(errors="replace").partition("|")
                if kind in ("OK", "ERR"):
                    break  # INFO about someone else can arrive before our own answer
        except socket.timeout:
            print("The server did not answer.")
            return False
        finally:
            self.sock.settimeout(None)
        print(text)
        return kind == "OK"

    def listen(self):
        while True:
            try:
                data, _ = self.sock.recvfrom(4096)
            except OSError:
                return
            parts = data.decode(errors="replace").split("|", 2)
            if parts[0] == "MSG" and len(parts) == 3:
                print(f"{parts[1]}: {parts[2]}")
            elif parts[0] == "INFO":
                print(f"*** {parts[1]} ***")

    def chat(self):
        threading.Thread(target=self.listen, daemon=True).start()
        while True:
            try:
                line = input()
            except (EOFError, KeyboardInterrupt):
                line = "/quit"
            if line == "/quit":
                self.sock.sendto(b"QUIT", self.server)
                print("Bye.")
                return
            if line.strip():
                self.sock.sendto(f"MSG|{line}".encode(), self.server)


def main():
    try:
        ip = input("Server IP: ")
        port = int(input("Server port: "))
        name = input("Username: ")
        password = input("Password: ")
    except (EOFError, KeyboardInterrupt, ValueError):
        print()
        return
    client = ChatClient((ip, port))
    if not client.join(name, password):
        sys.exit(1)
    client.chat()


if __name__ == "__main__":
    main()
