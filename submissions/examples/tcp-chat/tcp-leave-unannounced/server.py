# TCP chat server built on socketserver: one handler object (and thread) per connection.
import socketserver
import threading

PORT = 5555


class Room:
    """The members of the chat room, shared by every handler thread."""

    def __init__(self):
        self.members = {}  # name -> handler
        self.lock = threading.Lock()

    def add(self, name, handler):
        with self.lock:
            if name.lower() in (n.lower() for n in self.members):
                return False
            self.members[name] = handler
            return True

    def remove(self, name):
        with self.lock:
            self.members.pop(name, None)

    def broadcast(self, text, sender=None):
        with self.lock:
            others = [h for n, h in self.members.items() if n != sender]
        for handler in others:
            handler.send(text)


ROOM = Room()


class ChatHandler(socketserver.StreamRequestHandler):
    def send(self, text):
        try:
            self.wfile.write(text.encode())
        except OSError:
            pass

    def handle(self):
        name = None
        try:
            while name is None:
                self.send("Enter username: ")
                line = self.rfile.readline()
                if not line:
                    return
                wanted = line.decode(errors="replace").strip()
                if wanted and ROOM.add(wanted, self):
                    name = wanted
                elif wanted:
                    self.send("That username is already taken.\n")
            print("%s joined from %s:%d" % ((name,) + self.client_address), flush=True)
            self.send("Welcome, %s! Type /quit to leave.\n" % name)
            ROOM.broadcast("--> %s has joined the chat\n" % name, sender=name)
            for line in self.rfile:
                text = line.decode(errors="replace").rstrip("\r\n")
                if text:
                    print("%s: %s" % (name, text), flush=True)
                    ROOM.broadcast("%s: %s\n" % (name, text), sender=name)
        except OSError:
            pass
        finally:
            if name is not None:
                ROOM.remove(name)
                # the room is never told: only the server's console knows
                print("%s disconnected" % name, flush=True)


class ChatServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


if __name__ == "__main__":
    with ChatServer(("0.0.0.0", PORT), ChatHandler) as server:
        print("Listening on port %d" % PORT, flush=True)
        server.serve_forever()
