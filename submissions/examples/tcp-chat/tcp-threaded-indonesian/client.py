# Klien chat TCP: alamat dan port dari baris perintah, bukan ditanyakan.
# Pemakaian: python3 client.py <host> <port>
# Tidak ada perintah keluar: akhiri dengan Ctrl-D (akhir masukan) atau Ctrl-C.
import socket
import sys
import threading


def terima(sock):
    while True:
        try:
            data = sock.recv(4096)
        except OSError:
            break
        if not data:
            break
        sys.stdout.write(data.decode(errors="replace"))
        sys.stdout.flush()
    print("\n[info] koneksi ke server terputus")
    sys.stdout.flush()


def main():
    if len(sys.argv) != 3:
        print("Pemakaian: python3 client.py <host> <port>")
        sys.exit(2)
    sock = socket.create_connection((sys.argv[1], int(sys.argv[2])))
    threading.Thread(target=terima, args=(sock,), daemon=True).start()
    try:
        for baris in sys.stdin:
            sock.sendall(baris.encode())
    except KeyboardInterrupt:
        pass
    sock.close()


if __name__ == "__main__":
    main()
