"""Using both cores where the work splits: reading source files, writing datasets beside
rendering pages. Work runs in forked processes (they inherit the collected data without
copying it); where fork is unavailable, or GONGSHI_WORKERS=1, everything runs in order.

A worker dies with the process that started it (Linux PR_SET_PDEATHSIG): a build killed
with kill -9 leaves no worker running on. Results come back through a pipe, never a file."""
from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor


def workers() -> int:
    wanted = os.environ.get("GONGSHI_WORKERS")
    if wanted and wanted.isdigit():
        return max(1, int(wanted))
    return max(1, min(2, os.cpu_count() or 1))


def _fork():
    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None


def die_with_parent(parent: int | None = None) -> None:
    """In a forked worker: be killed when the parent dies (Linux); exit now if it already has."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def map_in_order(fn: Callable, items: Sequence[tuple], worth_it: bool = True) -> list:
    """[fn(*item) for item in items], over the cores when there are several items."""
    ctx = _fork()
    if ctx is None or workers() == 1 or len(items) < 2 or not worth_it:
        return [fn(*item) for item in items]
    with ProcessPoolExecutor(max_workers=workers(), mp_context=ctx, initializer=die_with_parent,
                             initargs=(os.getpid(),)) as pool:
        return list(pool.map(fn, *zip(*items), chunksize=max(1, len(items) // (4 * workers()))))


class BackgroundError(Exception):
    pass


class Background:
    """fn(*args) in a forked process; join() returns its result or raises with its traceback."""

    def __init__(self, fn: Callable, *args):
        self.fn, self.args = fn, args
        ctx = _fork()
        self.inline = ctx is None or workers() == 1
        if self.inline:
            return
        self.receive, self.send = ctx.Pipe(duplex=False)
        self.parent = os.getpid()
        self.process = ctx.Process(target=self._run, daemon=False)
        self.process.start()
        self.send.close()  # the child holds the writing end: EOF here once it is gone

    def _run(self) -> None:
        die_with_parent(self.parent)
        self.receive.close()
        try:
            outcome = ("ok", self.fn(*self.args))
        except BaseException:  # reported to the parent, which decides
            outcome = ("error", traceback.format_exc())
        self.send.send(outcome)
        self.send.close()

    def join(self):
        if self.inline:
            return self.fn(*self.args)
        try:
            status, value = self.receive.recv()  # before join: a large result must not fill the pipe
        except (EOFError, OSError):
            self.process.join()
            raise BackgroundError(f"background work died (exit code {self.process.exitcode})")
        finally:
            self.receive.close()
        self.process.join()
        if status == "error":
            raise BackgroundError(value)
        return value
