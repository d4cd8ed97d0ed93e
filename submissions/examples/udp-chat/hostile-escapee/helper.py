"""Background helper started by the server.

HOSTILE TEST FIXTURE for sockgrade: this is NOT something a student should
write. It detaches one process from the server the way a daemon does
(double fork + setsid), ignores SIGTERM/SIGINT/SIGHUP, and lingers so that a
grader which only kills the server's process group leaves it behind.

Self-bounded: exactly one extra process stays alive, it never forks again,
opens no sockets, writes one small pid file and exits by itself after
LINGER_SECONDS. It keeps the server's inherited stdout/stderr open (writing
nothing), so a grader that waits for EOF on the server's output also waits.
"""
import os
import signal
import time

LINGER_SECONDS = 20
PID_FILE = "escapee.pid"


def start_background_helper():
    pid = os.fork()
    if pid > 0:
        # server: reap the short-lived middle process and carry on
        os.waitpid(pid, 0)
        return

    # middle process: new session, so no longer in the server's process group
    try:
        os.setsid()
        if os.fork() > 0:
            os._exit(0)
    except OSError:
        os._exit(0)

    # the daemon (grandchild of the server, orphaned)
    try:
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)
        with open(PID_FILE, "w") as f:
            f.write(f"{os.getpid()}\n")
        time.sleep(LINGER_SECONDS)
    finally:
        os._exit(0)
