#!/usr/bin/env python3
"""Accepts every connection and never reads or writes a single octet.

The suite must judge such a server (TIME verdicts) within its own bounds, and
never hang on it. Usage: python3 silent_server.py --port P [anything else is ignored]
"""
import argparse
import signal
import socket
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
args, _ = parser.parse_known_args()
signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", args.port))
listener.listen(128)
print("silent_server listening on 127.0.0.1:%d" % args.port, flush=True)
held = []  # kept open, never read, never written
while True:
    connection, _ = listener.accept()
    held.append(connection)
