import socket

UDP_IP = "0.0.0.0"
UDP_PORT = 5005

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind((UDP_IP, UDP_PORT))
print("listening on", UDP_IP, UDP_PORT)

while True:
    data, addr = sock.recvfrom(512)  # buffer size is 512 bytes
    print("received message:", data, "from", addr)
    sock.sendto(data, addr)
