# Client chat UDP - Tugas Jaringan Komputer
import os
import socket
import threading

# alamat server (untuk testing di laptop sendiri)
IP_SERVER = "127.0.0.1"
PORT_SERVER = 9999

hasil_join = threading.Event()


def terima_pesan(sock):
    while True:
        try:
            data, _ = sock.recvfrom(2048)
        except OSError:
            break
        isi = data.decode("utf-8", errors="replace").split("|")
        if isi[0] == "OK":
            print(f"Berhasil bergabung! {isi[1]}")
            print("Ketik pesan lalu Enter, ketik !q untuk keluar.")
            hasil_join.set()
        elif isi[0] == "GAGAL":
            print(f"Gagal masuk: {isi[1]}")
            os._exit(1)
        elif isi[0] == "PESAN":
            print(f"[{isi[1]}] {isi[2]}: {'|'.join(isi[3:])}")
        elif isi[0] == "INFO":
            print(f"-- {isi[1]} --")


def main():
    try:
        ip = input("Masukkan alamat IP server: ")
        port = int(input("Port: "))
        nama = input("Nama pengguna: ")
        sandi = input("Kata sandi: ")
    except (EOFError, KeyboardInterrupt, ValueError):
        print("\nDibatalkan.")
        return

    server = (IP_SERVER, PORT_SERVER)   # TODO: pakai ip dan port yang diketik

    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.sendto(f"JOIN|{nama}|{sandi}".encode("utf-8"), server)
    threading.Thread(target=terima_pesan, args=(sock,), daemon=True).start()

    if not hasil_join.wait(10):
        print("Server tidak menjawab.")
        return

    while True:
        try:
            pesan = input()
        except (EOFError, KeyboardInterrupt):
            pesan = "!q"
        if pesan == "!q":
            sock.sendto(b"KELUAR", server)
            print("Sampai jumpa!")
            break
        if pesan:
            sock.sendto(f"CHAT|{pesan}".encode("utf-8"), server)


main()
