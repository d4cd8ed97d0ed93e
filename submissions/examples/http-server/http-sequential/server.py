# Web server sederhana (HTTP/1.0) dengan socket
# Kelompok 7 - melayani file di folder www/
import socket
import os

PORT = 8080
FOLDER = 'www'

server_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server_socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server_socket.bind(('', PORT))
server_socket.listen(5)
print('Server berjalan di port', PORT)


def tipe_konten(nama_file):
    if nama_file.endswith('.html'):
        return 'text/html'
    if nama_file.endswith('.png'):
        return 'image/png'
    if nama_file.endswith('.jpg'):
        return 'image/jpeg'
    return 'application/octet-stream'


def buat_respon(kode, status, isi, tipe='text/html'):
    header = 'HTTP/1.0 ' + str(kode) + ' ' + status + '\r\n'
    header += 'Content-Type: ' + tipe + '\r\n'
    header += 'Content-Length: ' + str(len(isi)) + '\r\n'
    header += '\r\n'
    return header.encode() + isi


while True:
    # terima koneksi satu per satu
    client, alamat = server_socket.accept()
    print('Koneksi dari', alamat)

    # baca request sampai ketemu baris kosong
    request = b''
    while b'\r\n\r\n' not in request:
        potongan = client.recv(1024)
        if not potongan:
            break
        request += potongan

    baris_pertama = request.decode(errors='replace').split('\r\n')[0]
    print(baris_pertama)
    bagian = baris_pertama.split(' ')

    if len(bagian) < 3 or bagian[0] != 'GET':
        client.sendall(buat_respon(400, 'Bad Request', b'<h1>400 Bad Request</h1>'))
        client.close()
        continue

    path = bagian[1]
    if path == '/':
        path = '/index.html'

    # cegah akses ke luar folder www
    if '..' in path:
        client.sendall(buat_respon(403, 'Forbidden', b'<h1>403 Forbidden</h1>'))
        client.close()
        continue

    nama_file = FOLDER + path
    if os.path.isfile(nama_file):
        f = open(nama_file, 'rb')
        isi = f.read()
        f.close()
        client.sendall(buat_respon(200, 'OK', isi, tipe_konten(nama_file)))
    else:
        client.sendall(buat_respon(404, 'Not Found', b'<h1>404 File tidak ditemukan</h1>'))
    client.close()
