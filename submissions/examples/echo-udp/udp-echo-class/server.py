"""UDP echo server - Tugas Jaringan Komputer, minggu 4."""
import logging
import socket

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")

BUFFER_SIZE = 4096


class EchoServer:
    def __init__(self, host="0.0.0.0", port=9999):
        self.addr = (host, port)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)

    def start(self):
        self.sock.bind(self.addr)
        logging.info("UDP echo server berjalan di %s:%d", *self.addr)
        while True:
            try:
                data, client = self.sock.recvfrom(BUFFER_SIZE)
            except OSError as e:
                logging.warning("recvfrom gagal: %s", e)
                continue
            logging.info("%d byte dari %s:%d", len(data), *client)
            self.sock.sendto(data, client)


if __name__ == "__main__":
    EchoServer().start()
