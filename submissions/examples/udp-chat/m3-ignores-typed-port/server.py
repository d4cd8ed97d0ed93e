# Server chat UDP - Tugas Jaringan Komputer
# Format pesan: PERINTAH|isi|isi
#   JOIN|nama|sandi    -> daftar ke ruang chat
#   CHAT|teks          -> kirim pesan
#   KELUAR             -> keluar dari ruang chat
import socket
from datetime import datetime

IP_SERVER = "0.0.0.0"
PORT_SERVER = 9999
SANDI_RUANG = "123"

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind((IP_SERVER, PORT_SERVER))
print(f"Server berjalan di port {PORT_SERVER}, menunggu client...")

anggota = {}  # alamat -> nama


def kirim(teks, alamat):
    sock.sendto(teks.encode("utf-8"), alamat)


def kirim_ke_semua(teks, kecuali=None):
    for alamat in list(anggota):
        if alamat != kecuali:
            kirim(teks, alamat)


def proses_join(isi, alamat):
    if len(isi) != 3:
        kirim("GAGAL|Format join tidak valid.", alamat)
        return
    nama, sandi = isi[1], isi[2]
    if sandi != SANDI_RUANG:
        print(f"{alamat} mencoba masuk dengan sandi salah")
        kirim("GAGAL|Kata sandi salah.", alamat)
        return
    if nama in anggota.values():
        print(f"{alamat} memakai nama {nama} yang sudah ada")
        kirim("GAGAL|Nama sudah dipakai orang lain.", alamat)
        return
    anggota[alamat] = nama
    print(f"{nama} bergabung dari {alamat}")
    kirim(f"OK|Selamat datang, {nama}!", alamat)
    kirim_ke_semua(f"INFO|{nama} masuk ke ruang chat", kecuali=alamat)


def main():
    while True:
        try:
            data, alamat = sock.recvfrom(2048)
        except KeyboardInterrupt:
            print("\nServer dimatikan.")
            break
        isi = data.decode("utf-8", errors="replace").split("|")
        perintah = isi[0]

        if perintah == "JOIN":
            proses_join(isi, alamat)
        elif alamat not in anggota:
            # belum join, abaikan
            continue
        elif perintah == "CHAT":
            teks = "|".join(isi[1:])
            nama = anggota[alamat]
            waktu = datetime.now().strftime("%H:%M")
            print(f"[{waktu}] {nama}: {teks}")
            kirim_ke_semua(f"PESAN|{waktu}|{nama}|{teks}", kecuali=alamat)
        elif perintah == "KELUAR":
            nama = anggota.pop(alamat)
            print(f"{nama} keluar")
            kirim_ke_semua(f"INFO|{nama} keluar dari ruang chat")


main()
