"""Klien ruang obrolan UDP."""
import socket
import sys
import threading
from datetime import datetime

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)


def terima():
    while True:
        try:
            data, _ = sock.recvfrom(4096)
        except OSError:
            return
        perintah, _, isi = data.decode("utf-8", errors="replace").partition(" ")
        if perintah == "PESAN":
            nama, _, teks = isi.partition(" ")
            print(f"[{datetime.now():%H:%M}] {nama}: {teks}")
        elif perintah == "INFO":
            print(f"» {isi}")


def masuk(server, nama, sandi):
    sock.settimeout(5)
    sock.sendto(f"GABUNG {nama} {sandi}".encode("utf-8"), server)
    try:
        while True:
            data, _ = sock.recvfrom(4096)
            perintah, _, isi = data.decode("utf-8", errors="replace").partition(" ")
            if perintah in ("DITERIMA", "DITOLAK"):
                break
    except socket.timeout:
        print("Server tidak menjawab.")
        return False
    finally:
        sock.settimeout(None)
    if perintah == "DITOLAK":
        print(f"Gagal masuk: {isi}")
        return False
    print(isi)
    print("Ketik pesan lalu tekan Enter. Ketik /keluar untuk keluar.")
    return True


def main():
    try:
        ip = input("Masukkan alamat IP server: ")
        port = int(input("Masukkan port: "))
        nama = input("Nama pengguna: ").strip()
        sandi = input("Kata sandi: ")
    except (EOFError, KeyboardInterrupt, ValueError):
        print("\nDibatalkan.")
        return
    server = (ip, port)
    if not masuk(server, nama, sandi):
        sys.exit(1)
    threading.Thread(target=terima, daemon=True).start()
    while True:
        try:
            teks = input()
        except (EOFError, KeyboardInterrupt):
            teks = "/keluar"
        if teks == "/keluar":
            sock.sendto(b"KELUAR", server)
            print("Sampai jumpa!")
            return
        if teks.strip():
            sock.sendto(f"PESAN {teks}".encode("utf-8"), server)


if __name__ == "__main__":
    main()
