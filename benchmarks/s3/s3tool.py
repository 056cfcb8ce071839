#!/usr/bin/env python3
"""Bucket-side helpers for benchmarks/s3/run.sh: fixtures put directly into s3rver, and
waiting until written data is really in the bucket.

Requests are plain, unsigned HTTP on loopback (s3rver accepts anonymous requests).
`wait` looks at s3rver's data directory instead of asking s3rver: s3rver answers HEAD and
LIST by hashing every object that has no stored MD5 yet, which includes one still being
written, so polling it would slow down the very upload being timed.
"""
import concurrent.futures
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse


def connection(endpoint):
    url = urllib.parse.urlsplit(endpoint)
    return http.client.HTTPConnection(url.hostname, url.port, timeout=600)


def request(conn, method, path, body=None, length=0):
    conn.putrequest(method, urllib.parse.quote(path))
    conn.putheader("Content-Length", str(length))
    conn.endheaders()
    if body is not None:
        while chunk := body.read(1 << 20):
            conn.send(chunk)
    response = conn.getresponse()
    payload = response.read()
    if response.status >= 300:
        sys.exit(f"s3tool: {method} {path} answered {response.status}: {payload[:300]!r}")


def cmd_mb(endpoint, bucket):
    request(connection(endpoint), "PUT", f"/{bucket}")


def cmd_put(endpoint, bucket, key, file):
    with open(file, "rb") as f:
        request(connection(endpoint), "PUT", f"/{bucket}/{key}", f, os.fstat(f.fileno()).st_size)


def cmd_put_many(endpoint, bucket, prefix, count, size, threads):
    """COUNT objects PREFIXf00000… of SIZE bytes each, on THREADS keep-alive connections."""
    data = os.urandom(int(size))
    local = threading.local()

    class Body:
        def __init__(self):
            self.done = False

        def read(self, _):
            if self.done:
                return b""
            self.done = True
            return data

    def put(i):
        if not hasattr(local, "conn"):
            local.conn = connection(endpoint)
        request(local.conn, "PUT", f"/{bucket}/{prefix}f{i:05d}", Body(), len(data))

    with concurrent.futures.ThreadPoolExecutor(int(threads)) as pool:
        for future in [pool.submit(put, i) for i in range(int(count))]:
            future.result()


def object_files(datadir, bucket, key):
    base = os.path.join(datadir, bucket, key)
    return base + "._S3rver_object", base + "._S3rver_metadata.json"


def stored(datadir, bucket, key, size):
    """True once s3rver has finished storing KEY with SIZE bytes.

    s3rver writes the object file in place, then its MD5 and metadata files; a new key is
    complete when its size is right and its metadata file exists. (Comparing the files'
    mtimes does not work: they can differ by a clock tick either way.)
    """
    data, meta = object_files(datadir, bucket, key)
    try:
        return os.stat(data).st_size == size and os.path.exists(meta)
    except FileNotFoundError:
        return False


def cmd_wait(datadir, bucket, timeout, *specs):
    """Polls until every spec holds; prints the wall-clock time it first did (epoch seconds).

    Specs: have:KEY:SIZE  dir:PREFIX:COUNT:SIZE (COUNT objects PREFIXf00000…)  gone:KEY
    newer:KEY:SIZE:EPOCH (stored again since EPOCH seconds)
    """
    checks = []
    for spec in specs:
        kind, _, rest = spec.partition(":")
        if kind == "have":
            key, size = rest.rsplit(":", 1)
            checks.append(lambda key=key, size=int(size): stored(datadir, bucket, key, size))
        elif kind == "dir":
            prefix, count, size = rest.rsplit(":", 2)
            keys = [f"{prefix}f{i:05d}" for i in range(int(count))]
            pending = set(keys)

            def all_stored(pending=pending, size=int(size)):
                for key in list(pending):
                    if stored(datadir, bucket, key, size):
                        pending.discard(key)
                return not pending
            checks.append(all_stored)
        elif kind == "newer":
            key, size, since = rest.rsplit(":", 2)

            def newer(key=key, size=int(size), since_ns=int(float(since) * 1e9)):
                try:
                    return stored(datadir, bucket, key, size) and os.stat(object_files(datadir, bucket, key)[1]).st_mtime_ns >= since_ns
                except FileNotFoundError:
                    return False
            checks.append(newer)
        elif kind == "gone":
            checks.append(lambda key=rest: not os.path.exists(object_files(datadir, bucket, key)[0]))
        else:
            sys.exit(f"s3tool: unknown wait spec '{spec}' (have:KEY:SIZE, dir:PREFIX:COUNT:SIZE, newer:KEY:SIZE:EPOCH, gone:KEY)")
    deadline = time.time() + float(timeout)
    while True:
        checks = [check for check in checks if not check()]
        now = time.time()
        if not checks:
            print(json.dumps({"ok": True, "at": now}))
            return
        if now > deadline:
            print(json.dumps({"ok": False, "at": now}))
            return
        time.sleep(0.05)


COMMANDS = {
    "mb": (cmd_mb, "ENDPOINT BUCKET"),
    "put": (cmd_put, "ENDPOINT BUCKET KEY FILE"),
    "put-many": (cmd_put_many, "ENDPOINT BUCKET PREFIX COUNT SIZE THREADS"),
    "wait": (cmd_wait, "DATADIR BUCKET TIMEOUT SPEC..."),
}


def main(argv):
    if len(argv) < 2 or argv[1] not in COMMANDS:
        sys.exit("usage: s3tool.py " + " | ".join(f"{name} {args}" for name, (_, args) in COMMANDS.items()))
    function, arguments = COMMANDS[argv[1]]
    fixed = [a for a in arguments.split() if not a.endswith("...")]
    if len(argv) - 2 < len(fixed) or (len(argv) - 2 > len(fixed) and not arguments.endswith("...")):
        sys.exit(f"usage: s3tool.py {argv[1]} {arguments}")
    function(*argv[2:])


if __name__ == "__main__":
    main(sys.argv)
