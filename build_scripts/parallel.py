"""Using both cores where the work splits: reading source files, writing datasets beside
rendering pages. Work runs in forked processes (they inherit the collected data without
copying it); where fork is unavailable, or GONGSHI_WORKERS=1, everything runs in order."""
from __future__ import annotations

import multiprocessing
import os
import pickle
import tempfile
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


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


def map_in_order(fn: Callable, items: Sequence[tuple], worth_it: bool = True) -> list:
    """[fn(*item) for item in items], over the cores when there are several items."""
    ctx = _fork()
    if ctx is None or workers() == 1 or len(items) < 2 or not worth_it:
        return [fn(*item) for item in items]
    with ProcessPoolExecutor(max_workers=workers(), mp_context=ctx) as pool:
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
        fd, name = tempfile.mkstemp(prefix="gongshi-", suffix=".pickle")
        os.close(fd)
        self.result_path = Path(name)
        self.process = ctx.Process(target=self._run, daemon=False)
        self.process.start()

    def _run(self) -> None:
        try:
            outcome = ("ok", self.fn(*self.args))
        except BaseException:  # reported to the parent, which decides
            outcome = ("error", traceback.format_exc())
        self.result_path.write_bytes(pickle.dumps(outcome))

    def join(self):
        if self.inline:
            return self.fn(*self.args)
        self.process.join()
        try:
            status, value = pickle.loads(self.result_path.read_bytes())
        except (OSError, EOFError, pickle.UnpicklingError):
            raise BackgroundError(f"background work died (exit code {self.process.exitcode})")
        finally:
            self.result_path.unlink(missing_ok=True)
        if status == "error":
            raise BackgroundError(value)
        return value
