# Tugas 2 - TCP echo server, versi thread per client
# Setiap client yang connect dilayani oleh thread sendiri,
# jadi client lain tidak perlu menunggu.
import socket
import threading

HOST = "0.0.0.0"
PORT = 65432


def handle_client(conn, addr):
    print(f"[NEW CONNECTION] {addr} connected.")
    try:
        while True:
            data = conn.recv(1024)
            if not data:
                break  # client menutup koneksi
            conn.sendall(data)
    except ConnectionResetError:
        print(f"[RESET] {addr} memutus koneksi secara paksa")
    finally:
        conn.close()
        print(f"[DISCONNECTED] {addr}")


def main():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((HOST, PORT))
    server.listen()
    print(f"[LISTENING] Server is listening on {HOST}:{PORT}")
    while True:
        conn, addr = server.accept()
        thread = threading.Thread(target=handle_client, args=(conn, addr))
        thread.daemon = True
        thread.start()
        print(f"[ACTIVE CONNECTIONS] {threading.active_count() - 1}")


if __name__ == "__main__":
    main()
