# Server chat TCP: satu thread per klien, daftar klien bersama (dict) dijaga dengan Lock.
# Pemakaian: python3 server.py [port]   (bawaan 6000)
import logging
import socket
import sys
import threading

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
log = logging.getLogger("server")

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 6000

klien = {}  # nama -> socket
kunci = threading.Lock()


def kirim_ke_semua(teks, kecuali=None):
    with kunci:
        tujuan = [s for nama, s in klien.items() if nama != kecuali]
    for s in tujuan:
        try:
            s.sendall(teks.encode())
        except OSError:
            pass


def minta_nama(conn, berkas):
    while True:
        conn.sendall("Masukkan nama pengguna: ".encode())
        baris = berkas.readline()
        if not baris:
            return None
        calon = baris.strip()
        if not calon:
            continue
        with kunci:
            if calon.lower() not in (n.lower() for n in klien):
                klien[calon] = conn
                return calon
        conn.sendall("Nama sudah dipakai, coba yang lain.\n".encode())


def layani(conn, alamat):
    berkas = conn.makefile("r", encoding="utf-8", errors="replace", newline="\n")
    nama = None
    try:
        nama = minta_nama(conn, berkas)
        if nama is None:
            return
        log.info("%s bergabung dari %s:%d", nama, alamat[0], alamat[1])
        conn.sendall(("Selamat datang, %s! Ketik pesan lalu Enter.\n" % nama).encode())
        kirim_ke_semua("[info] %s telah bergabung ke obrolan\n" % nama, kecuali=nama)
        for baris in berkas:
            teks = baris.rstrip("\r\n")
            if teks:
                log.info("%s: %s", nama, teks)
                kirim_ke_semua("%s: %s\n" % (nama, teks), kecuali=nama)
    except OSError as galat:
        log.warning("koneksi %s:%d bermasalah: %s", alamat[0], alamat[1], galat)
    finally:
        if nama is not None:
            with kunci:
                klien.pop(nama, None)
            log.info("%s keluar", nama)
            kirim_ke_semua("[info] %s telah meninggalkan chat\n" % nama)
        conn.close()


def main():
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("0.0.0.0", PORT))
    srv.listen(20)
    log.info("Server chat berjalan di port %d", PORT)
    while True:
        conn, alamat = srv.accept()
        threading.Thread(target=layani, args=(conn, alamat), daemon=True).start()


if __name__ == "__main__":
    main()
