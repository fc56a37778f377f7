"""The process that typesets the PDFs while MkDocs builds the site. One is enough: Typst lays out the whole
plan in about a second. It is kept for the life of the command, so a preview's rebuilds find Typst loaded,
and it ends with the build that started it, however that build ends. But Typst keeps everything it has laid
out until its process ends, so a worker left large by its last task is replaced before the next one."""

from __future__ import annotations

import atexit
import os
import threading

from site_gen.apart import end_with_parent

_WORKER = None
_WORKER_LOCK = threading.Lock()
_RETIRING = None  # the worker to replace before the next task, if its last task left it large
# A worker holding more than this after a task is replaced. The plan on a page leaves it about 100 MiB, the
# example plan's full plan about 230 MiB.
RETIRE_MIB = 320


def worker():
    """The PDF worker, started on first use."""
    global _WORKER
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if _WORKER is not None and getattr(_WORKER, "_broken", False):
        stop_worker()  # a worker that died (killed, out of memory) is replaced, not reused
    elif _WORKER is not None and _WORKER is _RETIRING:
        stop_worker(cancel=False)  # one that grew large is replaced once its tasks are done
    with _WORKER_LOCK:
        if _WORKER is None:
            _WORKER = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                          initializer=end_with_parent, initargs=(os.getpid(),))
            atexit.register(stop_worker)
        return _WORKER


def stop_worker(cancel: bool = True) -> None:
    """End the worker process, so that nothing outlives the command that started it; with cancel, the
    tasks it has not started are dropped."""
    global _WORKER
    if _WORKER is not None:
        _WORKER.shutdown(wait=True, cancel_futures=cancel)
        _WORKER = None


def _load_pdf_makers() -> None:
    import site_gen.pdf.full_pdf  # noqa: F401 - loaded to be ready, not used here
    import site_gen.pdf.one_page_pdf  # noqa: F401


def warm_up() -> None:
    """Start the worker, and have it load Typst and the PDF makers while the build checks the plan and draws
    its charts: a new process takes a second to be ready, which the PDFs would otherwise wait for."""
    submit(_load_pdf_makers)


def retire_worker() -> None:
    """End the worker once its tasks are done, so its memory goes back to the machine now."""
    with _WORKER_LOCK:
        if _WORKER is not None:
            stop_worker(cancel=False)


def _resident_mib() -> float:
    """This process's memory in use now, from Linux's /proc."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _measured(task, *args):
    """Run in the worker: the task's result, and the worker's memory after it."""
    return task(*args), _resident_mib()


def submit(task, *args):
    """task(*args) in the worker; returns a future of its result. A worker left larger than RETIRE_MIB is
    replaced before the next task, so its memory goes back to the machine."""
    from concurrent.futures import Future

    pool = worker()
    inner = pool.submit(_measured, task, *args)
    outer: Future = Future()

    def passed_on(done: Future) -> None:
        global _RETIRING
        if done.cancelled():
            outer.cancel()
        elif done.exception() is not None:
            if outer.set_running_or_notify_cancel():
                outer.set_exception(done.exception())
        else:
            result, resident = done.result()
            if resident > RETIRE_MIB:
                _RETIRING = pool
            if outer.set_running_or_notify_cancel():
                outer.set_result(result)

    inner.add_done_callback(passed_on)
    outer.add_done_callback(lambda done: inner.cancel() if done.cancelled() else None)
    return outer
