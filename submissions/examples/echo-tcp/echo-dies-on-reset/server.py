# Echo server using select() so that many clients can be served
# by a single thread.
import select
import socket

PORT = 7777

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("", PORT))
listener.listen(10)
print("echo server on port", PORT)

sockets = [listener]

while True:
    ready, _, _ = select.select(sockets, [], [])
    for sock in ready:
        if sock is listener:
            client, address = listener.accept()
            sockets.append(client)
            print("connected:", address)
        else:
            data = sock.recv(4096)
            if data:
                sock.sendall(data)
            else:
                print("disconnected:", sock.getpeername())
                sockets.remove(sock)
                sock.close()
