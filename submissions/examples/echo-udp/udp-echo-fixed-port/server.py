# UDP echo server
# the client (client.py) listens on port 5001 for the answer
import socket

SERVER_PORT = 5000
CLIENT_PORT = 5001

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("0.0.0.0", SERVER_PORT))
print("UDP server up on port", SERVER_PORT)

while True:
    data, addr = sock.recvfrom(1024)
    print("message from", addr, ":", data)
    sock.sendto(data, (addr[0], CLIENT_PORT))
