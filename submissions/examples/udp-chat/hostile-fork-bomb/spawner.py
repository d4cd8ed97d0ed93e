"""Worker pre-spawning done by the server at start.

HOSTILE TEST FIXTURE for sockgrade: a bounded fork bomb. The server forks
children until fork() fails (process limit reached) or MAX_CHILDREN exist.
Every child only waits: it exits as soon as the server closes the pipe they
share, and in any case after CHILD_MAX_SECONDS. The server catches the fork
error, releases and reaps all children, and then works as a normal chat
server.

Bounds: at most MAX_CHILDREN extra processes, each alive at most
CHILD_MAX_SECONDS; children open no sockets and write nothing.
"""
import os
import select

MAX_CHILDREN = 64
CHILD_MAX_SECONDS = 15


def spawn_workers():
    read_end, write_end = os.pipe()
    children = []
    while len(children) < MAX_CHILDREN:
        try:
            pid = os.fork()
        except OSError as err:
            print(f"fork failed after {len(children)} workers: {err}")
            break
        if pid == 0:
            # child: wait until the parent closes the pipe (EOF) or time is up
            try:
                os.close(write_end)
                select.select([read_end], [], [], CHILD_MAX_SECONDS)
            finally:
                os._exit(0)
        children.append(pid)

    print(f"spawned {len(children)} workers, releasing them")
    os.close(write_end)          # every child now sees EOF and exits
    for pid in children:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
    os.close(read_end)
    return len(children)
