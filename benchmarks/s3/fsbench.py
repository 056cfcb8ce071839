#!/usr/bin/env python3
"""Timed filesystem operations for benchmarks/s3/run.sh.

Each subcommand does one measured thing on a path (a mount, local disk or tmpfs) and
prints its result as one line of JSON. The timing is taken inside this process, around
the system calls only, so interpreter start-up is never part of a number.
"""
import json
import os
import random
import struct
import sys
import time

MIB = 1 << 20


def emit(**values):
    print(json.dumps(values), flush=True)


def block_source():
    # Random bytes, made distinct per block so that nothing on the way can deduplicate
    # or skip them (zero blocks could be stored sparse).
    base = bytearray(os.urandom(MIB))

    def block(index):
        struct.pack_into("<Q", base, 0, index)
        return base
    return block


def cmd_write(path, size_mib):
    """Sequential write in 1 MiB writes; time from open to the return of close."""
    block = block_source()
    started = time.time()
    start = time.perf_counter()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    for i in range(int(size_mib)):
        view = memoryview(block(i))
        while view:
            view = view[os.write(fd, view):]
    written = time.perf_counter()
    os.close(fd)
    end = time.perf_counter()
    emit(seconds=end - start, close_seconds=end - written, bytes=int(size_mib) * MIB, started=started, ended=time.time())


def cmd_read(path):
    """Sequential read in 1 MiB reads to the end; time from open to close."""
    buffer = bytearray(MIB)
    total = 0
    start = time.perf_counter()
    fd = os.open(path, os.O_RDONLY)
    with os.fdopen(fd, "rb", buffering=0) as f:
        while True:
            n = f.readinto(buffer)
            if not n:
                break
            total += n
    end = time.perf_counter()
    emit(seconds=end - start, bytes=total)


def cmd_creates(directory, count, size):
    """Creates COUNT files of SIZE bytes in an existing directory; time until the last close."""
    data = os.urandom(int(size))
    started = time.time()
    start = time.perf_counter()
    for i in range(int(count)):
        fd = os.open(os.path.join(directory, f"f{i:05d}"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        os.write(fd, data)
        os.close(fd)
    end = time.perf_counter()
    emit(seconds=end - start, files=int(count), started=started, ended=time.time())


def cmd_rename(source, target):
    os.stat(source)  # the lookup is not part of the rename
    started = time.time()
    start = time.perf_counter()
    os.rename(source, target)
    end = time.perf_counter()
    emit(seconds=end - start, started=started, ended=time.time())


def cmd_overwrite_fsync(path, count, max_seconds, seed):
    """4 KiB pwrite at a random aligned offset, then fsync; COUNT times or until MAX_SECONDS.

    Reports the latency of each acknowledged fsync and of write+fsync, in milliseconds.
    """
    rng = random.Random(int(seed))
    data = os.urandom(4096)
    started = time.time()
    start = time.perf_counter()
    fd = os.open(path, os.O_RDWR)
    opened = time.perf_counter()
    blocks = os.fstat(fd).st_size // 4096
    fsync_ms, op_ms = [], []
    deadline = opened + float(max_seconds)
    while len(fsync_ms) < int(count) and time.perf_counter() < deadline:
        offset = rng.randrange(blocks) * 4096
        t0 = time.perf_counter()
        os.pwrite(fd, data, offset)
        t1 = time.perf_counter()
        os.fsync(fd)
        t2 = time.perf_counter()
        fsync_ms.append((t2 - t1) * 1000)
        op_ms.append((t2 - t0) * 1000)
    close_start = time.perf_counter()
    os.close(fd)
    end = time.perf_counter()
    emit(open_seconds=opened - start, close_seconds=end - close_start, fsync_ms=fsync_ms, op_ms=op_ms, started=started, ended=time.time())


COMMANDS = {
    "write": (cmd_write, "PATH SIZE_MIB"),
    "read": (cmd_read, "PATH"),
    "creates": (cmd_creates, "DIR COUNT SIZE"),
    "rename": (cmd_rename, "SOURCE TARGET"),
    "overwrite-fsync": (cmd_overwrite_fsync, "PATH COUNT MAX_SECONDS SEED"),
}


def main(argv):
    if len(argv) < 2 or argv[1] not in COMMANDS:
        sys.exit("usage: fsbench.py " + " | ".join(f"{name} {args}" for name, (_, args) in COMMANDS.items()))
    function, arguments = COMMANDS[argv[1]]
    if len(argv) - 2 != len(arguments.split()):
        sys.exit(f"usage: fsbench.py {argv[1]} {arguments}")
    try:
        function(*argv[2:])
    except OSError as e:
        # The tool's answer is a result too: the caller records it as an error.
        emit(error=f"{e.strerror} ({e.filename or 'fd'})")
        sys.exit(3)


if __name__ == "__main__":
    main(sys.argv)
