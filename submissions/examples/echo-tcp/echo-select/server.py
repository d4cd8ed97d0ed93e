# Non-blocking echo server with select()
# (based on the select() example: one queue of outgoing data per socket,
# we only send when select() says the socket is writable)
import queue
import select
import socket
import sys

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setblocking(0)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server_address = ("0.0.0.0", 10000)
print("starting up on {} port {}".format(*server_address), file=sys.stderr)
server.bind(server_address)
server.listen(5)

inputs = [server]
outputs = []
message_queues = {}
finished = set()  # clients that sent EOF: close once their queue is empty


def close(s):
    if s in outputs:
        outputs.remove(s)
    if s in inputs:
        inputs.remove(s)
    finished.discard(s)
    message_queues.pop(s, None)
    s.close()


while inputs:
    readable, writable, exceptional = select.select(inputs, outputs, inputs)
    for s in readable:
        if s is server:
            connection, client_address = s.accept()
            print("new connection from", client_address, file=sys.stderr)
            connection.setblocking(0)
            inputs.append(connection)
            message_queues[connection] = queue.Queue()
            continue
        try:
            data = s.recv(4096)
        except (ConnectionResetError, BlockingIOError) as e:
            print("error on", s.fileno(), e, file=sys.stderr)
            close(s)
            continue
        if data:
            message_queues[s].put(data)
            if s not in outputs:
                outputs.append(s)
        else:
            # client is done sending; stop reading, send what is left, then close
            inputs.remove(s)
            if s in outputs:
                finished.add(s)
            else:
                close(s)

    for s in writable:
        if s not in message_queues:
            continue
        try:
            next_msg = message_queues[s].get_nowait()
        except queue.Empty:
            outputs.remove(s)
            if s in finished:
                close(s)
            continue
        try:
            sent = s.send(next_msg)
        except (ConnectionResetError, BrokenPipeError) as e:
            print("error sending to", s.fileno(), e, file=sys.stderr)
            close(s)
            continue
        if sent < len(next_msg):
            # put the rest back in front of the queue
            rest = queue.Queue()
            rest.put(next_msg[sent:])
            while not message_queues[s].empty():
                rest.put(message_queues[s].get_nowait())
            message_queues[s] = rest

    for s in exceptional:
        print("exception condition on", s.getpeername(), file=sys.stderr)
        close(s)
