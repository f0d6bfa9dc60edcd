#!/usr/bin/env python3
"""Uploads a file to an XFER server. My first version, for the report.

usage: python3 naive_client.py HOST PORT FILE [--timeout S]

(For the conformance suite's own tests: the client a student writes first. It
sends the path it was given as the name, sends the payload without waiting for
READY, takes one recv() as a reply, and believes any OK.)
"""
import socket
import sys


def main():
    args = sys.argv[1:]
    timeout = 30.0
    if "--timeout" in args:
        i = args.index("--timeout")
        timeout = float(args[i + 1])
        del args[i:i + 2]
    if len(args) != 3:
        print("usage: naive_client.py HOST PORT FILE [--timeout S]", file=sys.stderr)
        sys.exit(2)
    host, port, filename = args[0], int(args[1]), args[2]

    with open(filename, "rb") as f:
        data = f.read()

    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(timeout)
    try:
        s.connect((host, port))
        # the name, the size, then the file
        s.sendall((filename + "\n").encode())
        s.sendall((str(len(data)) + "\n").encode())
        s.sendall(data)

        reply = s.recv(1024).decode(errors="replace")
        if reply.startswith("READY\n"):
            # the server says READY first; the real answer comes after it
            reply = reply[len("READY\n"):] or s.recv(1024).decode(errors="replace")
    except OSError as e:  # a timeout is one too
        print("error:", e)
        sys.exit(1)
    finally:
        s.close()

    if reply.startswith("OK"):
        print("upload ok")
        sys.exit(0)
    print("upload failed:", reply.strip())
    sys.exit(1)


if __name__ == "__main__":
    main()
