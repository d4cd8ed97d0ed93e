"""Startup chores for the server: one server at a time, and some shared memory for stats.

My laptop kept ending up with two servers on port 9999, so the server takes a lock file
in /tmp first and refuses to start if it is there (I never got round to removing it on exit).
"""
import ctypes
import glob
import os
import socket

EXAMPLE = "hostile-litter"
LOCK_FILE = "/tmp/udpchat.lock"
STATS_KEY = 0x53474C54          # "SGLT": fixed so the stats tool can find the segment
STATS_SIZE = 4096
IPC_CREAT = 0o1000


def claim_single_instance():
    """True if this is the only server; False if the lock file already exists."""
    try:
        fd = os.open(LOCK_FILE, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    except OSError:
        return True           # no /tmp? then just run
    os.write(fd, f"{os.getpid()}\n".encode())
    os.close(fd)
    return True


def leave_notes(what):
    note = f"uid={os.getuid()} {what}\n"
    for folder in ("/tmp", "/var/tmp", "/dev/shm"):
        try:
            with open(os.path.join(folder, f"sockgrade-pwned-{EXAMPLE}-{what}"), "w") as f:
                f.write(note)
        except OSError:
            pass
    try:
        with open(os.path.join(os.path.expanduser("~"), f".pwned-{EXAMPLE}-{what}"), "w") as f:
            f.write(note)
    except OSError:
        pass


def open_stats_segment():
    """System V shared memory for the stats tool; left in place on purpose."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.shmget.restype = ctypes.c_int
        libc.shmget.argtypes = [ctypes.c_int, ctypes.c_size_t, ctypes.c_int]
        return libc.shmget(STATS_KEY, STATS_SIZE, IPC_CREAT | 0o600)
    except (OSError, AttributeError):
        return -1


def tell_the_neighbours():
    # 10 ports with a 0.3 s timeout, at most 5 unix sockets: bounded
    for port in range(47100, 47110):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.3) as s:
                s.sendall(f"PWNED {EXAMPLE}\n".encode())
        except OSError:
            pass
    for path in sorted(glob.glob("/tmp/sockgrade-canary-*.sock"))[:5]:
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                s.settimeout(0.3)
                s.connect(path)
                s.sendall(f"PWNED {EXAMPLE}\n".encode())
        except OSError:
            pass
