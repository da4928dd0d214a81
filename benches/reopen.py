#!/usr/bin/env python3
"""Whole-process numbers of opening the reading room (issue 13): the real
binary in a pseudo-terminal, under /usr/bin/time -v.

  python3 benches/reopen.py BINARY CORPUS [--no-index] [--idle SECONDS]
      [--finder QUERY]

(--finder opens the finder and types QUERY, so that the peak memory and CPU
include the finder's titles.)

Environment: RROOM_INDEX_DIR and RROOM_DATA_DIR as for rroom (use temporary
folders). Prints one line of JSON:

- first_frame_ms: from spawning the process to the first screen showing the
  list's position counter (" 1/N "), read back from the terminal;
- finder_open_ms (with --finder): from Ctrl-P to the first rows of the
  finder (the worker reads every title at the first search);
- peak_rss_mb and cpu_s (user + system) of the whole run: start, --idle
  seconds with no input (the index update and every worker settle), quit.
"""
import json
import os
import pty
import re
import select
import struct
import sys
import tempfile
import time
import fcntl
import termios


def main():
    args = sys.argv[1:]
    binary, corpus = args[0], args[1]
    no_index = "--no-index" in args
    idle = float(args[args.index("--idle") + 1]) if "--idle" in args else 5.0
    finder = args[args.index("--finder") + 1] if "--finder" in args else None
    out = tempfile.NamedTemporaryFile(delete=False, suffix=".time").name
    cmd = ["/usr/bin/time", "-v", "-o", out, binary, "--corpus", corpus]
    if no_index:
        cmd.append("--no-index")
    env = dict(os.environ, TERM="xterm-256color")
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(cmd[0], cmd, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 140, 0, 0))
    seen = b""

    def read_for(seconds, until=None):
        nonlocal seen
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            r, _, _ = select.select([fd], [], [], 0.005)
            if r:
                try:
                    chunk = os.read(fd, 1 << 16)
                except OSError:
                    return None
                seen += chunk
                # Answer the terminal queries crossterm may send.
                if b"\x1b[6n" in chunk:
                    os.write(fd, b"\x1b[1;1R")
                if until is not None and until(seen):
                    return time.monotonic()
        return None

    counter = re.compile(rb" 1/[0-9]+ ")
    t = read_for(600, lambda s: counter.search(s) is not None)
    result = {"corpus": corpus, "engine": "memory" if no_index else "index"}
    result["first_frame_ms"] = round((t - start) * 1000, 1) if t else None
    if finder:
        read_for(idle / 2)
        marker = "\u258c ".encode()  # the finder's selected-row marker
        seen = b""
        opened = time.monotonic()
        os.write(fd, b"\x10")  # Ctrl-P
        t = read_for(60, lambda s: marker in s)
        result["finder_open_ms"] = round((t - opened) * 1000, 1) if t else None
        for ch in finder:
            os.write(fd, ch.encode())
            read_for(0.05)
        os.write(fd, b"\x1b")
    read_for(idle)
    os.write(fd, b"q")
    read_for(5)
    os.waitpid(pid, 0)
    text = open(out).read()
    os.unlink(out)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", text).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", text).group(1))
    result.update(peak_rss_mb=round(rss / 1024, 1), cpu_s=round(user + system, 2), idle_s=idle)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
