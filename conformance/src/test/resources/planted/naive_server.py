#!/usr/bin/env python3
"""A first XFER server, the way a student's first report writes it.

It works for a plain upload on a quiet network, and it has the classic bugs the
conformance suite exists to name (kept on purpose; do not fix them here):

  * one recv() is taken for one message: the first recv(1024) is "the name line"
    (if it happens to hold the size line too, that is used), the next recv(1024)
    is "the size line";
  * the name is joined to the directory as it is: "../x" escapes it;
  * the payload is written straight into the final file as it arrives, so an
    aborted upload leaves a partial file (and destroys the previous content);
  * one client at a time, served inside the accept loop;
  * the size is parsed with int(line.strip()): "+1", " 1" and "1_0" are accepted;
  * no idle timeout (--idle-timeout is accepted and ignored), no size limit.

Usage: python3 naive_server.py --port P --dir D [--idle-timeout S]
"""
import argparse
import hashlib
import os
import signal
import socket
import sys


def serve(conn, directory):
    first = conn.recv(1024)
    if not first:
        return  # the client connected and left (a port probe)
    name, sep, rest = first.partition(b"\n")
    if sep and rest:
        # the size line came in the same recv: take it, and whatever follows as payload
        size_line, _, payload_start = rest.partition(b"\n")
    else:
        size_line = conn.recv(1024)
        payload_start = b""
    try:
        size = int(size_line.strip())
    except ValueError:
        conn.sendall(b"ERROR 400 bad size\n")
        return
    path = os.path.join(directory, name.decode("utf-8", "replace").strip())
    conn.sendall(b"READY\n")
    digest = hashlib.sha256()
    received = 0
    with open(path, "wb") as f:
        chunk = payload_start
        while True:
            if chunk:
                chunk = chunk[: size - received]
                f.write(chunk)
                digest.update(chunk)
                received += len(chunk)
            if received >= size:
                break
            chunk = conn.recv(4096)
            if not chunk:
                print("client left after", received, "of", size, "octets", flush=True)
                return
    conn.sendall(("OK " + digest.hexdigest() + "\n").encode("ascii"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=5001)
    parser.add_argument("--dir", default=".")
    parser.add_argument("--idle-timeout", type=float, default=30)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))

    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", args.port))
    server.listen()
    print("naive_server listening on 127.0.0.1:%d, storing in %s" % (args.port, args.dir), flush=True)
    while True:
        conn, _ = server.accept()
        try:
            serve(conn, args.dir)
        except OSError as e:
            print("connection failed:", e, flush=True)
        finally:
            conn.close()


if __name__ == "__main__":
    main()
