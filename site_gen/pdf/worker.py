"""The process that typesets the PDFs while MkDocs builds the site. One is enough: Typst lays out the whole
plan in about a second. It is kept for the life of the command, so a preview's rebuilds find Typst and its
fonts loaded, and it ends with the build that started it, however that build ends."""

from __future__ import annotations

import atexit
import os
import threading
import time

_WORKER = None
_WORKER_LOCK = threading.Lock()
PARENT_CHECK_SECONDS = 0.5  # how often the worker looks whether the build that started it is still there


def end_with_parent(parent: int) -> None:
    """Run in the worker process as it starts. A build killed outright (kill -9, an out-of-memory kill)
    has no chance to stop its worker, which would wait for work for ever; so the worker watches for its
    parent going, and ends then. (Linux's prctl(PR_SET_PDEATHSIG) is not used: it follows the thread that
    started the worker, which may end while the worker is still wanted.) The resource tracker
    multiprocessing starts ends by itself once the build and its worker have both gone."""
    threading.Thread(target=_watch_parent, args=(parent,), name="watch the build", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)  # the build has gone: nobody is left to hand the work to


def worker():
    """The PDF worker, started on first use."""
    global _WORKER
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if _WORKER is not None and getattr(_WORKER, "_broken", False):
        stop_worker()  # a worker that died (killed, out of memory) is replaced, not reused
    with _WORKER_LOCK:
        if _WORKER is None:
            _WORKER = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                          initializer=end_with_parent, initargs=(os.getpid(),))
            atexit.register(stop_worker)
        return _WORKER


def stop_worker() -> None:
    """End the worker process, so that nothing outlives the command that started it."""
    global _WORKER
    if _WORKER is not None:
        _WORKER.shutdown(wait=True, cancel_futures=True)
        _WORKER = None
