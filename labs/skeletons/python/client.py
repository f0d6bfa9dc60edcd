#!/usr/bin/env python3
"""An XFER client to start from: the labs' skeleton, not a solution.

It uploads one file to a well-behaved server: it sends the file's base name
and size, waits for READY, sends the octets and waits for the final reply.
Each TODO names the lab stage that deals with it and the requirement it
breaks today.

usage: python3 client.py HOST PORT FILE [--timeout SECONDS]
exit status: 0 stored, 1 not stored (or not known to be), 2 usage
"""
import argparse
import os
import socket
import sys


def fail(message):
    print("upload failed:", message, file=sys.stderr)
    sys.exit(1)


class Replies:
    """The server's reply lines, in order."""

    def __init__(self, conn):
        self.conn = conn
        self.lines = []

    def next(self):
        # TODO (stage 6, XFER-LINE-03 and -06): this splits whatever one recv()
        # returned into lines, as if every recv() ended at a line end. A reply
        # can arrive one octet at a time, and a reply cut short by the end of the
        # stream (no LF) is no reply at all. Keep the octets after the last LF
        # for the next read, and bound the line's length (XFER-LINE-05).
        if not self.lines:
            data = self.conn.recv(1024)
            if not data:
                fail("the server closed the connection before replying")
            self.lines = data.split(b"\n")
            if self.lines[-1] == b"":
                self.lines.pop()
        # TODO (stage 6, XFER-LINE-02): a CR right before the LF belongs to the
        # line end.
        return self.lines.pop(0).decode("ascii", "replace")


def main():
    parser = argparse.ArgumentParser(description="XFER client (lab skeleton)")
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("file")
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()

    name = os.path.basename(args.file)  # the base name, never the path (XFER-CLI-01)
    # TODO (stage 6, XFER-CLI-08): check the name against the name rules before
    # connecting, and refuse a bad one here.
    try:
        with open(args.file, "rb") as f:
            data = f.read()
    except OSError as e:
        fail(f"cannot read {args.file}: {e.strerror}")

    try:
        # Every wait is bounded: connect, each recv() and each send (XFER-CLI-07).
        with socket.create_connection((args.host, args.port), timeout=args.timeout) as conn:
            conn.sendall(name.encode("utf-8") + b"\n" + str(len(data)).encode("ascii") + b"\n")
            replies = Replies(conn)
            answer = replies.next()
            if answer != "READY":
                fail(answer)  # an ERROR: the server's code and text, in one line (XFER-CLI-05)
            conn.sendall(data)
            answer = replies.next()
    except socket.timeout:
        fail(f"no reply within {args.timeout} s")
    except OSError as e:
        fail(f"connection to {args.host}:{args.port} failed: {e}")

    # TODO (stage 6, XFER-CLI-04 and -06): an OK is success only if its digest is
    # the SHA-256 of the octets sent, in lowercase hex, compared octet for octet.
    # This believes any line that starts with OK.
    if answer.startswith("OK"):
        print("stored", name, len(data), "octets")
        sys.exit(0)
    fail(answer)


if __name__ == "__main__":
    main()
