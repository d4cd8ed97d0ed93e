# Echo server (sequential / iterative version)
# Serves one client at a time: the next client is accepted only
# after the current one has closed its connection.
from socket import *

serverPort = 12000
serverSocket = socket(AF_INET, SOCK_STREAM)
serverSocket.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
serverSocket.bind(('', serverPort))
serverSocket.listen(1)
print('The server is ready to receive')

while True:
    connectionSocket, addr = serverSocket.accept()
    print('Connection from', addr)
    try:
        while True:
            data = connectionSocket.recv(2048)
            if not data:
                break
            connectionSocket.sendall(data)
    except ConnectionResetError:
        print('Client', addr, 'reset the connection')
    connectionSocket.close()
    print('Connection with', addr, 'closed')
