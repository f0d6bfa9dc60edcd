#!/usr/bin/env python3
"""A server that is right about well-formed uploads and dies on anything else.

The header is read carefully (a byte stream, up to each LF), READY and OK are
correct, files are stored through a temporary file. But nothing checks the
name or the size, and no exception is caught: a size line that int() refuses,
a name that is not UTF-8 or a vanished client raise, and the exception ends the
whole process. Many student servers look like this after their first week.

Usage: python3 crash_on_bad_input_server.py --port P --dir D [--idle-timeout S]
"""
import hashlib
import os
import socket
import sys
import tempfile

port = int(sys.argv[sys.argv.index("--port") + 1])
directory = sys.argv[sys.argv.index("--dir") + 1]


def read_line(conn, buffered):
    while b"\n" not in buffered:
        data = conn.recv(4096)
        if not data:
            raise EOFError("the client left in the middle of a line")
        buffered += data
    line, _, rest = buffered.partition(b"\n")
    return line.rstrip(b"\r"), rest


def serve(conn):
    name_line, rest = read_line(conn, b"")
    size_line, rest = read_line(conn, rest)
    name = name_line.decode("utf-8")
    size = int(size_line)
    conn.sendall(b"READY\n")
    digest = hashlib.sha256()
    fd, temp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(directory)))
    with os.fdopen(fd, "wb") as f:
        got = 0
        data = rest
        while True:
            data = data[: size - got]
            f.write(data)
            digest.update(data)
            got += len(data)
            if got == size:
                break
            data = conn.recv(65536)
            if not data:
                raise EOFError("the client left after %d of %d octets" % (got, size))
        f.flush()
        os.fsync(f.fileno())
    os.replace(temp, os.path.join(directory, name))
    conn.sendall(b"OK " + digest.hexdigest().encode() + b"\n")


s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port))
s.listen(16)
print("listening on", port, flush=True)
while True:
    conn, _ = s.accept()
    conn.settimeout(float(sys.argv[sys.argv.index("--idle-timeout") + 1]) if "--idle-timeout" in sys.argv else 30)
    serve(conn)
    conn.close()
