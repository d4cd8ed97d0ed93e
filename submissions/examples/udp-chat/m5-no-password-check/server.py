"""
UDP Chat Server
Kelompok 7 - Jaringan Komputer

Messages (text, fields separated by ':'):
    LOGIN:<nickname>:<password>
    MSG:<text>
    LOGOUT
"""
import socket
import threading

SERVER_PORT = 9999
ROOM_PASSWORD = "123"

server_socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server_socket.bind(("", SERVER_PORT))

users = {}                 # (ip, port) -> nickname
users_lock = threading.Lock()


def send_to(addr, text):
    server_socket.sendto(text.encode(), addr)


def send_to_others(sender_addr, text):
    with users_lock:
        targets = [a for a in users if a != sender_addr]
    for addr in targets:
        send_to(addr, text)


def handle_login(addr, nickname, password):
    if password != ROOM_PASSWORD:
        print(f"Warning: {addr} used a wrong password")
    with users_lock:
        taken = nickname in users.values()
    if taken:
        send_to(addr, "ERROR:Nickname already taken")
        return
    with users_lock:
        users[addr] = nickname
    print(f"{nickname} logged in from {addr}")
    send_to(addr, f"WELCOME:{nickname}")
    send_to_others(addr, f"INFO:{nickname} joined the chat")


def handle_datagram(data, addr):
    parts = data.decode(errors="ignore").split(":", 2)
    command = parts[0]

    if command == "LOGIN" and len(parts) == 3:
        handle_login(addr, parts[1], parts[2])
        return

    with users_lock:
        nickname = users.get(addr)
    if nickname is None:
        return  # belum login

    if command == "MSG":
        text = data.decode(errors="ignore")[4:]
        print(f"<{nickname}> {text}")
        send_to_others(addr, f"MSG:{nickname}:{text}")
    elif command == "LOGOUT":
        with users_lock:
            users.pop(addr, None)
        print(f"{nickname} logged out")
        send_to_others(addr, f"INFO:{nickname} left the chat")


def main():
    print(f"UDP chat server is up on port {SERVER_PORT}")
    while True:
        data, addr = server_socket.recvfrom(2048)
        # satu thread per datagram supaya server tidak macet
        threading.Thread(target=handle_datagram, args=(data, addr), daemon=True).start()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        print("server closed")
