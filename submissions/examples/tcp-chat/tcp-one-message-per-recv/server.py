# Chat server (TCP) - one thread, select()
#
# Every new connection is asked for a username first. After that every
# line a client sends goes to all the other clients as "name: text".
import select
import socket

HOST = "0.0.0.0"
PORT = 5000
RECV_BUFFER = 4096

server_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server_socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server_socket.bind((HOST, PORT))
server_socket.listen(10)

SOCKET_LIST = [server_socket]
usernames = {}   # socket -> username (only clients that have joined)

print("Chat server started on port " + str(PORT))


def send_to(sock, text):
    try:
        sock.sendall(text.encode())
    except OSError:
        remove_client(sock)


def broadcast(sender, text):
    # send to everyone who has joined, except the sender
    for sock in list(usernames):
        if sock != sender:
            send_to(sock, text)


def remove_client(sock):
    if sock in SOCKET_LIST:
        SOCKET_LIST.remove(sock)
    name = usernames.pop(sock, None)
    try:
        sock.close()
    except OSError:
        pass
    if name is not None:
        print("* %s left" % name)
        broadcast(None, "* %s left the chat\n" % name)


def handle_line(sock, line):
    if sock not in usernames:
        # the first line is the username
        name = line.strip()
        if name == "":
            send_to(sock, "Enter username: ")
        elif name.lower() in [n.lower() for n in usernames.values()]:
            send_to(sock, "Username already taken, try another one.\n")
            send_to(sock, "Enter username: ")
        else:
            usernames[sock] = name
            print("* %s joined" % name)
            send_to(sock, "Welcome to the chat, %s!\n" % name)
            broadcast(sock, "* %s joined the chat\n" % name)
        return
    text = line.rstrip("\r")
    if text == "":
        return
    name = usernames[sock]
    print("%s: %s" % (name, text))
    broadcast(sock, "%s: %s\n" % (name, text))


while True:
    ready_to_read, _, _ = select.select(SOCKET_LIST, [], [])
    for sock in ready_to_read:
        if sock == server_socket:
            conn, addr = server_socket.accept()
            SOCKET_LIST.append(conn)
            print("Client (%s, %s) connected" % addr)
            send_to(conn, "Enter username: ")
            continue
        if sock not in SOCKET_LIST:
            continue  # removed while handling an earlier socket
        try:
            data = sock.recv(RECV_BUFFER)
        except OSError:
            data = b""  # connection reset: treat it like a normal close
        if not data:
            remove_client(sock)
            continue
        # one recv() = one message from the client
        handle_line(sock, data.decode(errors="replace").strip())
