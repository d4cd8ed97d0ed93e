# UDP chat server (Python 2.7)
import socket

PORT = 9999
PASSWORD = "123"

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", PORT))
print "Server jalan di port", PORT

clients = {}

while True:
    data, addr = s.recvfrom(1024)
    if data.startswith("JOIN "):
        name, password = data[5:].split(" ", 1)
        if password != PASSWORD:
            s.sendto("Wrong password", addr)
        elif name in clients.values():
            s.sendto("Name already taken", addr)
        else:
            clients[addr] = name
            print name, "joined"
            s.sendto("Welcome " + name, addr)
    elif addr in clients:
        print "%s: %s" % (clients[addr], data)
        for c in clients:
            if c != addr:
                s.sendto(clients[addr] + ": " + data, c)
