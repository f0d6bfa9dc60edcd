"""A careful XFER server as a student writes it: the yardstick of the bench.

One thread per connection, 64 KiB reads, SHA-256 as the octets pass, a temporary
file beside the storage directory, fsync, then rename. Usage:
    python3 xfer_server.py PORT DIR
It prints "listening on 127.0.0.1:PORT" when ready and serves until killed.
"""
import hashlib, os, socket, sys, threading, uuid

BUFFER = 64 * 1024


def read_line(conn, pending, limit):
    while b"\n" not in pending:
        if len(pending) > limit:
            raise ValueError("line too long")
        chunk = conn.recv(BUFFER)
        if not chunk:
            raise EOFError
        pending += chunk
    line, _, rest = pending.partition(b"\n")
    return line.rstrip(b"\r"), rest


def serve(conn, store, temp):
    with conn:
        conn.settimeout(30)
        name, rest = read_line(conn, b"", 256)
        size_line, rest = read_line(conn, rest, 20)
        name, size = name.decode("utf-8"), int(size_line)
        if not name or "/" in name or "\\" in name or name in (".", ".."):
            conn.sendall(b"ERROR 403 bad name\n")
            return
        part = os.path.join(temp, "upload-%s.part" % uuid.uuid4().hex)
        sha256, received = hashlib.sha256(), 0
        with open(part, "wb", buffering=0) as out:
            conn.sendall(b"READY\n")
            data = rest[:size]
            while True:
                sha256.update(data)
                out.write(data)
                received += len(data)
                if received >= size:
                    break
                data = conn.recv(min(BUFFER, size - received))
                if not data:
                    os.unlink(part)
                    return
            os.fsync(out.fileno())
        os.replace(part, os.path.join(store, name))
        dir_fd = os.open(store, os.O_RDONLY)
        os.fsync(dir_fd)
        os.close(dir_fd)
        conn.sendall(b"OK " + sha256.hexdigest().encode() + b"\n")


def main():
    port, store = int(sys.argv[1]), os.path.abspath(sys.argv[2])
    temp = os.path.join(os.path.dirname(store), "." + os.path.basename(store) + ".xfer-tmp")
    os.makedirs(store, exist_ok=True)
    os.makedirs(temp, exist_ok=True)
    listener = socket.create_server(("127.0.0.1", port), backlog=4096)
    print("listening on 127.0.0.1:%d" % listener.getsockname()[1], file=sys.stderr, flush=True)
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=serve, args=(conn, store, temp), daemon=True).start()


if __name__ == "__main__":
    main()
