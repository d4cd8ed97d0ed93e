# TCP chat server with select()
# based on the select() example from the lab: sockets that have something
# to send go in the "outputs" list, and we only send when select() says
# the socket is writable, so a slow client never blocks the server.
import queue
import select
import socket

PORT = 5000

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("0.0.0.0", PORT))
server.listen(5)
print("Server is listening on port", PORT)

inputs = [server]
outputs = []
message_queues = {}  # socket -> queue of bytes to send
partial = {}         # socket -> bytes of an unfinished line
names = {}           # socket -> username


def queue_message(sock, text):
    message_queues[sock].put(text.encode())
    if sock not in outputs:
        outputs.append(sock)


def broadcast(sender, text):
    for sock in names:
        if sock is not sender:
            queue_message(sock, text)


def close_client(sock):
    name = names.pop(sock, None)
    if sock in outputs:
        outputs.remove(sock)
    inputs.remove(sock)
    del message_queues[sock]
    del partial[sock]
    sock.close()
    if name:
        print("*", name, "left")
        broadcast(None, "* " + name + " left the chat\n")


def handle_line(sock, line):
    if sock not in names:
        name = line.strip()
        if not name:
            queue_message(sock, "Enter username: ")
        elif name in names.values():
            queue_message(sock, "Username already taken\nEnter username: ")
        else:
            names[sock] = name
            print("*", name, "joined")
            queue_message(sock, "Welcome, " + name + "!\n")
            broadcast(sock, "* " + name + " joined the chat\n")
        return
    line = line.rstrip("\r")
    if line:
        print(names[sock] + ": " + line)
        broadcast(sock, names[sock] + ": " + line + "\n")


while inputs:
    readable, writable, exceptional = select.select(inputs, outputs, inputs)

    for s in readable:
        if s is server:
            connection, client_address = s.accept()
            print("new connection from", client_address)
            inputs.append(connection)
            message_queues[connection] = queue.Queue()
            partial[connection] = b""
            queue_message(connection, "Enter username: ")
        else:
            data = s.recv(1024)
            if data:
                partial[s] += data
                while b"\n" in partial[s]:
                    line, partial[s] = partial[s].split(b"\n", 1)
                    handle_line(s, line.decode())
            else:
                # empty read = the client closed the connection
                close_client(s)

    for s in writable:
        if s not in message_queues:
            continue  # closed above
        try:
            next_msg = message_queues[s].get_nowait()
        except queue.Empty:
            outputs.remove(s)
        else:
            s.send(next_msg)

    for s in exceptional:
        print("exception condition on", s.getpeername())
        close_client(s)
