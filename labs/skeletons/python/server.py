#!/usr/bin/env python3
"""An XFER server to start from: the labs' skeleton, not a solution.

It stores one plain upload from a well-behaved client, one client at a time,
and it keeps serving after each connection. Everything else is left for you:
each TODO names the lab stage that deals with it and the requirement it
breaks today, so that the conformance suite's failures can be traced back to
a line of this file.

usage: python3 server.py --port PORT --dir DIR [--idle-timeout SECONDS]
"""
import argparse
import hashlib
import os
import signal
import socket
import sys


class Refused(Exception):
    """A request the server answers with ERROR <code> <text> instead of READY or OK."""

    def __init__(self, code, text):
        super().__init__(f"{code} {text}")
        self.code = code
        self.text = text


class ClientGone(Exception):
    """The client closed the connection before the upload was complete."""


def reply(conn, line):
    # TODO (stage 1, XFER-LINE-01): XFER lines end with a bare LF. This ends them
    # with CR LF, the habit HTTP and SMTP teach.
    conn.sendall(line.encode("ascii") + b"\r\n")


def read_header(conn):
    """Returns (name octets, size octets, payload octets that came with the header), or None."""
    # TODO (stage 2, XFER-LINE-03): TCP delivers a stream of octets, not messages.
    # This takes one recv() for each line, which works only while each line comes
    # in a segment of its own. Cut in two, or merged with the next line, it is
    # misread. Read up to each LF instead, keep what follows for the next read,
    # and refuse an overlong line as soon as it passes its limit (XFER-LINE-04).
    name = conn.recv(1024)
    if not name:
        return None  # connected and left without a word
    size_line = conn.recv(1024)
    if not (name.endswith(b"\n") and size_line.endswith(b"\n")):
        raise Refused(400, "a header line did not arrive in one piece")
    # TODO (stage 2, XFER-LINE-02): a CR right before the LF belongs to the line
    # end, not to the name or the size.
    return name[:-1], size_line[:-1], b""


def check_name(raw):
    # TODO (stage 3, XFER-NAME-02 to -07): refuse with 403 a name that is empty,
    # "." or "..", contains "/", "\" or a control octet, or is not valid UTF-8.
    # Today every name is joined to the storage directory as it is, so "../x"
    # writes outside it.
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "the name is not UTF-8")  # wrong code: see the TODO above


def parse_size(raw):
    # TODO (stage 3, XFER-SIZE-02): int() is far more generous than XFER: it
    # takes "+1", " 1", "1_0", "01" and numbers above 2^63-1. Check the digits
    # yourself.
    # TODO (stage 3, XFER-SIZE-03): refuse with 413, before READY, a size above
    # the free space of the storage directory.
    try:
        return int(raw.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        raise Refused(400, "the size is not a number")


def open_final(path):
    """Opens (and empties) the file the payload goes to; refuses with 500 if it cannot."""
    # TODO (stage 4, XFER-STORE-03 to -06): this opens the final file itself, so a
    # reader sees it half written, a vanished client leaves half a file, and the
    # previous content is gone before the new one is complete. Write to a
    # temporary file outside the storage directory, then rename.
    try:
        return open(path, "wb")
    except (OSError, ValueError) as e:  # ValueError: a NUL in the name
        print("cannot store", repr(path), e, file=sys.stderr, flush=True)
        raise Refused(500, "cannot store the file")


def receive_into(conn, out, size, early_payload):
    """Receives exactly size octets into the open file out; returns their SHA-256 as hex."""
    # TODO (stage 4, XFER-TIME-01): no read here has a bound, so a silent client
    # holds the server for ever. Use the idle timeout.
    digest = hashlib.sha256()
    chunk = early_payload[:size]  # octets after the payload are never stored (XFER-UP-06)
    received = 0
    while True:
        out.write(chunk)
        digest.update(chunk)
        received += len(chunk)
        if received == size:
            return digest.hexdigest()
        chunk = conn.recv(min(65536, size - received))
        if not chunk:
            raise ClientGone(f"after {received} of {size} payload octets")


def serve(conn, directory):
    header = read_header(conn)
    if header is None:
        return
    name_octets, size_octets, early_payload = header
    name = check_name(name_octets)
    size = parse_size(size_octets)
    with open_final(os.path.join(directory, name)) as out:
        reply(conn, "READY")
        digest = receive_into(conn, out, size, early_payload)
    # The file is complete and closed before OK goes out, but not yet durable.
    # TODO (stage 4, XFER-STORE-02): OK promises that the upload survives a crash.
    # Before OK: fsync the temporary file, close it, rename it into place, and
    # then fsync the storage directory as well: the rename changes the directory,
    # and only the directory's fsync makes the new name itself survive a crash.
    reply(conn, "OK " + digest)


def main():
    parser = argparse.ArgumentParser(description="XFER server (lab skeleton)")
    parser.add_argument("--port", type=int, default=5001)
    parser.add_argument("--dir", default=".")
    # TODO (stage 4, XFER-TIME-01 and -02): accepted, and not used yet.
    parser.add_argument("--idle-timeout", type=float, default=30.0)
    args = parser.parse_args()
    # The suite stops the server with SIGTERM: leave through the normal exit path.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))

    with socket.create_server(("127.0.0.1", args.port)) as listener:
        print(f"listening on 127.0.0.1:{args.port}, storing in {args.dir}", flush=True)
        while True:
            conn, peer = listener.accept()
            # TODO (stage 5, XFER-CONC-01 and -02): one connection at a time, in
            # the accept loop: while one client dawdles, every other one waits.
            # When a thread serves conn, that thread owns the socket and closes
            # it when it is done. Do not leave this "with conn:" around the
            # Thread(...).start(): it closes the socket the moment the thread has
            # started, and the thread then fails with "[Errno 9] Bad file
            # descriptor".
            with conn:
                try:
                    serve(conn, args.dir)
                except Refused as refusal:
                    reply(conn, f"ERROR {refusal.code} {refusal.text}")
                except (ClientGone, OSError) as e:
                    # One connection's failure must never stop the server (XFER-LIVE-01).
                    print("connection from", peer, "failed:", e, file=sys.stderr, flush=True)
                # TODO (stage 4, XFER-CLOSE-01): closing with unread input makes
                # the kernel send a reset, which can destroy the last reply.


if __name__ == "__main__":
    main()
