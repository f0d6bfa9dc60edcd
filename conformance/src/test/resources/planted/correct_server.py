#!/usr/bin/env python3
"""A careful XFER server (levels 1-3), written apart from the reference: the
suite's own tests use it to show that a correct Python server passes.
Usage: python3 correct_server.py --port P --dir D [--idle-timeout S] [--crash-on-slash [DELAY]]
(--late-name-check misses one SHOULD, XFER-NAME-07: a bad name is refused only
after the size line. --crash-on-slash plants one bug for the suite's tests: a name with '/' kills the server at once,
without a reply; with DELAY, after a proper ERROR 403 and DELAY seconds: a crash in the clean-up.)
"""
import argparse, hashlib, os, re, shutil, signal, socket, sys, tempfile, threading, time

SIZE = re.compile(rb"0|[1-9][0-9]{0,18}")


class Refused(Exception):
    """An ERROR reply: its str() is the code and text."""


class Conn:
    def __init__(self, sock):
        self.sock, self.buf = sock, b""

    def more(self):
        data = self.sock.recv(65536)  # socket.timeout after the idle timeout
        if not data:
            raise EOFError
        self.buf += data

    def line(self, limit):
        while True:
            end = self.buf.find(b"\n")
            if end >= 0:
                line, self.buf = self.buf[:end], self.buf[end + 1:]
                line = line[:-1] if line.endswith(b"\r") else line
                if len(line) > limit:
                    raise Refused("400 line too long")
                return line
            if len(self.buf) > limit and not (len(self.buf) == limit + 1 and self.buf.endswith(b"\r")):
                raise Refused("400 line too long")
            self.more()

    def send(self, text):
        self.sock.sendall(text.encode("ascii") + b"\n")


def name_ok(name):
    if not 1 <= len(name) <= 255 or name in (b".", b".."):
        return False
    if any(b < 0x20 or b == 0x7F or b in b"/\\" for b in name):
        return False
    try:
        name.decode("utf-8", "strict")  # refuses overlong forms and surrogates
        return True
    except UnicodeDecodeError:
        return False


def upload(c, storage, temp, crash_on_slash, late_name_check):
    name = c.line(255)
    if crash_on_slash is not None and b"/" in name:
        if crash_on_slash:
            c.send("ERROR 403 name refused")
            time.sleep(crash_on_slash)
        os._exit(3)
    if not name_ok(name) and not late_name_check:
        raise Refused("403 name refused")
    size_line = c.line(19)
    if not name_ok(name):
        raise Refused("403 name refused")
    if not SIZE.fullmatch(size_line) or int(size_line) > 2**63 - 1:
        raise Refused("400 malformed size")
    size = int(size_line)
    if size > shutil.disk_usage(storage).free:
        raise Refused("413 too large")
    c.send("READY")
    fd, part = tempfile.mkstemp(dir=temp, suffix=".part")
    try:
        digest = hashlib.sha256()
        with os.fdopen(fd, "wb") as f:
            left = size
            while left > 0:
                if not c.buf:
                    c.more()
                chunk, c.buf = c.buf[:left], c.buf[left:]
                f.write(chunk)
                digest.update(chunk)
                left -= len(chunk)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.replace(part, os.path.join(storage, os.fsdecode(name)))
        except OSError:
            raise Refused("500 cannot store the file")
        c.send("OK " + digest.hexdigest())
    finally:
        if os.path.exists(part):
            os.unlink(part)


def serve(sock, storage, temp, idle, crash_on_slash, late_name_check):
    sock.settimeout(idle)
    c = Conn(sock)
    try:
        try:
            upload(c, storage, temp, crash_on_slash, late_name_check)
        except Refused as e:
            c.send("ERROR " + str(e))
        # lingering close: the last reply must not be destroyed by a reset
        sock.shutdown(socket.SHUT_WR)
        deadline = time.monotonic() + 2
        sock.settimeout(0.2)
        while time.monotonic() < deadline:
            try:
                if not sock.recv(65536):
                    break
            except socket.timeout:
                continue
    except socket.timeout:
        try:
            c.send("ERROR 408 idle timeout")
        except OSError:
            pass
    except (EOFError, OSError):
        pass
    finally:
        sock.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=5001)
    parser.add_argument("--dir", default=".")
    parser.add_argument("--idle-timeout", type=float, default=30)
    parser.add_argument("--crash-on-slash", type=float, nargs="?", const=0.0)
    parser.add_argument("--late-name-check", action="store_true")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    storage = os.path.abspath(args.dir)
    temp = os.path.join(os.path.dirname(storage), "." + os.path.basename(storage) + ".xfer-tmp")
    os.makedirs(storage, exist_ok=True)
    shutil.rmtree(temp, ignore_errors=True)  # stale uploads of a killed run
    os.makedirs(temp)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    listener.listen(256)
    print("correct_server listening on 127.0.0.1:%d, storing in %s" % (args.port, storage), flush=True)
    while True:
        sock, _ = listener.accept()
        threading.Thread(target=serve, args=(sock, storage, temp, args.idle_timeout, args.crash_on_slash, args.late_name_check), daemon=True).start()


if __name__ == "__main__":
    main()
