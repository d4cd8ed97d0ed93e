# Multi-threaded echo server
import socket
import threading

HOST = "127.0.0.1"
PORT = 9000


def handle(conn, addr):
    print(f"{addr} connected")
    with conn:
        while True:
            try:
                data = conn.recv(1024)
            except ConnectionResetError:
                print(f"{addr} reset")
                return
            if not data:
                break
            msg = data.decode("utf-8")
            print(f"{addr} says: {msg!r}")
            conn.sendall(msg.encode("utf-8"))
    print(f"{addr} disconnected")


def main():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, PORT))
    sock.listen()
    print(f"Listening on {HOST}:{PORT}")
    while True:
        conn, addr = sock.accept()
        t = threading.Thread(target=handle, args=(conn, addr))
        t.daemon = True
        t.start()


if __name__ == "__main__":
    main()
