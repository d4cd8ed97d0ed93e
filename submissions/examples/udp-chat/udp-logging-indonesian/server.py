"""Server ruang obrolan UDP.

Protokol (teks, dipisah spasi):
  klien -> server   GABUNG <nama> <sandi>   PESAN <teks>   KELUAR
  server -> klien   DITERIMA <teks>   DITOLAK <teks>   PESAN <nama> <teks>   INFO <teks>
"""
import logging
import socket

HOST = "localhost"
PORT = 5005
SANDI = "rahasia"

logging.basicConfig(level=logging.INFO, format="%(asctime)s [%(levelname)s] %(message)s")
log = logging.getLogger("server")

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind((HOST, PORT))
anggota = {}  # alamat -> nama


def kirim(teks, alamat):
    sock.sendto(teks.encode("utf-8"), alamat)


def siarkan(teks, pengirim):
    for alamat in anggota:
        if alamat != pengirim:
            kirim(teks, alamat)


def gabung(alamat, isi):
    bagian = isi.split(" ", 1)
    if len(bagian) != 2:
        kirim("DITOLAK Format salah, gunakan: GABUNG <nama> <sandi>", alamat)
        return
    nama, sandi = bagian
    if sandi != SANDI:
        log.warning("%s dari %s memakai kata sandi yang salah", nama, alamat)
        kirim("DITOLAK Kata sandi salah.", alamat)
    elif nama in anggota.values():
        log.warning("nama %s sudah dipakai, %s ditolak", nama, alamat)
        kirim(f"DITOLAK Nama {nama} sudah dipakai, pilih nama lain.", alamat)
    else:
        anggota[alamat] = nama
        log.info("%s bergabung dari %s:%d", nama, alamat[0], alamat[1])
        kirim(f"DITERIMA Selamat datang di ruang obrolan, {nama}!", alamat)
        siarkan(f"INFO {nama} bergabung ke obrolan", alamat)


def tangani(data, alamat):
    perintah, _, isi = data.decode("utf-8", errors="replace").partition(" ")
    if perintah == "GABUNG":
        gabung(alamat, isi)
    elif alamat not in anggota:
        kirim("DITOLAK Anda belum bergabung.", alamat)
    elif perintah == "PESAN":
        nama = anggota[alamat]
        log.info("pesan dari %s: %s", nama, isi)
        siarkan(f"PESAN {nama} {isi}", alamat)
    elif perintah == "KELUAR":
        nama = anggota.pop(alamat)
        log.info("%s keluar", nama)
        siarkan(f"INFO {nama} telah keluar dari obrolan", alamat)


def main():
    log.info("server berjalan di %s:%d", HOST, PORT)
    while True:
        data, alamat = sock.recvfrom(4096)
        tangani(data, alamat)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        log.info("server dihentikan")
