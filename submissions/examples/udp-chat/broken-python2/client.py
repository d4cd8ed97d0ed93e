# UDP chat client (Python 2.7)
import socket
import threading

ip = raw_input("IP server: ")
port = int(raw_input("Port: "))
name = raw_input("Name: ")
password = raw_input("Password: ")

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server = (ip, port)
s.sendto("JOIN %s %s" % (name, password), server)
reply, _ = s.recvfrom(1024)
print reply
if not reply.startswith("Welcome"):
    raise SystemExit(1)


def terima():
    while True:
        data, _ = s.recvfrom(1024)
        print data

t = threading.Thread(target=terima)
t.daemon = True
t.start()

while True:
    try:
        msg = raw_input()
    except EOFError:
        break
    s.sendto(msg, server)
