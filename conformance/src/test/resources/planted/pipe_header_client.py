#!/usr/bin/env python3
"""A client with a header format of its own: "name|size" on one line.

Real submissions do this when the student designed the header before reading
the spec. It waits for READY, then sends the file. The suite must end each case
in seconds (its scripted server answers a header it cannot read as a real
server would) and say that the header is not XFER's.

usage: python3 pipe_header_client.py HOST PORT FILE [--timeout S]
"""
import os
import socket
import sys

args = sys.argv[1:]
timeout = 30.0
if "--timeout" in args:
    i = args.index("--timeout")
    timeout = float(args[i + 1])
    del args[i:i + 2]
host, port, path = args[0], int(args[1]), args[2]
with open(path, "rb") as f:
    data = f.read()
s = socket.create_connection((host, port), timeout=timeout)
s.sendall(("%s|%d\n" % (os.path.basename(path), len(data))).encode())
reply = s.recv(1024)
if not reply.startswith(b"READY"):
    print("server said:", reply.decode(errors="replace").strip(), file=sys.stderr)
    sys.exit(1)
s.sendall(data)
print(s.recv(1024).decode(errors="replace").strip())
