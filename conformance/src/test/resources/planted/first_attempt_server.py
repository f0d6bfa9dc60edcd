#!/usr/bin/env python3
"""The server of a student's very first report, as real submissions write it.

Kept broken on purpose (the suite must name each bug by its own requirement):

  * it serves one connection, then exits (no loop around accept());
  * each header line is one recv(1024): a line split over two segments, or two
    lines in one segment, are misread;
  * READY and OK are sent without LF, and OK carries no digest;
  * it stores with open(name, "wb") in the storage directory, whatever the name:
    "../x" escapes it;
  * an upload cut short leaves its partial file;
  * no timeout: a silent client holds it for ever;
  * a header it cannot parse crashes it (int() on the size line).

Usage: python3 first_attempt_server.py --port P --dir D [--idle-timeout S]
"""
import os
import socket
import sys

port = int(sys.argv[sys.argv.index("--port") + 1])
os.chdir(sys.argv[sys.argv.index("--dir") + 1])

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", port))
s.listen(1)
print("listening on", port, flush=True)
conn, addr = s.accept()
name = conn.recv(1024).decode().strip()
size = int(conn.recv(1024).decode().strip())
conn.send(b"READY")
f = open(name, "wb")
got = 0
while got < size:
    data = conn.recv(4096)
    if not data:
        break
    f.write(data)
    got += len(data)
f.close()
conn.send(b"OK")
conn.close()
