#!/usr/bin/env python3
"""A client that sends the size as four binary octets (struct.pack), not as text.

The name line is right; the size is what a student who knows C structs sends.
The suite's scripted server must refuse it at once, as a real server would, and
the failure must name the header.

usage: python3 binary_size_client.py HOST PORT FILE [--timeout S]
"""
import os
import socket
import struct
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
s.sendall(os.path.basename(path).encode() + b"\n" + struct.pack(">I", len(data)))
reply = s.recv(1024)
if not reply.startswith(b"READY"):
    print("server said:", reply.decode(errors="replace").strip(), file=sys.stderr)
    sys.exit(1)
s.sendall(data)
print(s.recv(1024).decode(errors="replace").strip())
