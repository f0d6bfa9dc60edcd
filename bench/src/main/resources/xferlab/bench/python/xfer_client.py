"""A careful XFER client as a student writes it: the yardstick of the bench.

64 KiB reads of the file, SHA-256 as the octets go out, the server's digest
checked. Usage:
    python3 xfer_client.py HOST PORT FILE [NAME]
Exit status 0 when the server's digest matches what was sent.
"""
import hashlib, os, socket, sys

BUFFER = 64 * 1024


def read_line(conn, pending):
    while b"\n" not in pending:
        if len(pending) > 512:
            raise ValueError("reply line too long")
        chunk = conn.recv(512)
        if not chunk:
            raise EOFError("connection closed before the reply")
        pending += chunk
    line, _, rest = pending.partition(b"\n")
    return line.rstrip(b"\r").decode("ascii", "replace"), rest


def main():
    host, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    name = sys.argv[4] if len(sys.argv) > 4 else os.path.basename(path)
    size = os.path.getsize(path)
    with socket.create_connection((host, port), timeout=30) as conn, open(path, "rb", buffering=0) as src:
        conn.sendall(name.encode("utf-8") + b"\n" + str(size).encode() + b"\n")
        reply, pending = read_line(conn, b"")
        if reply != "READY":
            sys.exit("server refused: " + reply)
        sha256, sent = hashlib.sha256(), 0
        while sent < size:
            data = src.read(min(BUFFER, size - sent))
            if not data:
                sys.exit("the file shrank")
            sha256.update(data)
            conn.sendall(data)
            sent += len(data)
        reply, _ = read_line(conn, pending)
        if reply != "OK " + sha256.hexdigest():
            sys.exit("unexpected reply: " + reply)
    print("stored %s (%d octets), sha256 %s" % (name, size, sha256.hexdigest()))


if __name__ == "__main__":
    main()
