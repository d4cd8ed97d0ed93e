# greeting server
import socket

HOST = socket.gethostname()
PORT = 12345

s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((HOST, PORT))
s.listen(5)
print("server started on", HOST, PORT)

connections = []
while True:
    c, addr = s.accept()
    connections.append(c)
    print("Got connection from", addr)
    c.send(b"Thank you for connecting\n")
