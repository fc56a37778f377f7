"""Run tasks each in a Python process of its own, which ends with it: `python -m site_gen.apart MODULE...`
loads the modules named, reads the pickled task and its arguments on standard input and writes the pickled
result, or the exception it raised, on standard output. Typst keeps everything it has laid out until its
process ends, so each piece of a large plan is typeset this way; and vl-convert draws one chart at a time, so
a plan's new charts are drawn in two such processes, beside the check. A process started afresh loads only what
the task needs (multiprocessing's would load the whole command that started it, a second a process), the
next one is started while a task runs, so it is ready when wanted, and each ends if the build goes."""

from __future__ import annotations

import importlib
import os
import pickle
import subprocess
import sys
import threading
import time

PARENT_CHECK_SECONDS = 0.5  # how often a process started for the build looks whether the build is still there


def end_with_parent(parent: int) -> None:
    """Run in a process the build starts (the PDF worker, a task run apart), as it starts. A build killed outright (kill -9, an out-of-memory kill)
    has no chance to stop its worker, which would wait for work for ever; so the worker watches for its
    parent going, and ends then. (Linux's prctl(PR_SET_PDEATHSIG) is not used: it follows the thread that
    started the worker, which may end while the worker is still wanted.) The resource tracker
    multiprocessing starts ends by itself once the build and its worker have both gone."""
    threading.Thread(target=_watch_parent, args=(parent,), name="watch the build", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)  # the build has gone: nobody is left to hand the work to


class TaskFailed(RuntimeError):
    """The process running a task ended without a result (killed, or out of memory)."""


def outcome(what: str, status: int, output: bytes, errors: bytes):
    """What a process that ran a task handed back: the result, or the exception the task raised (raised
    here), or TaskFailed when it ended without either."""
    if status != 0 or not output:
        said = errors.decode("utf-8", "replace").strip().splitlines()
        raise TaskFailed(f"{what} stopped (exit status {status}): {said[-1] if said else 'no message'}")
    succeeded, value = pickle.loads(output)
    if not succeeded:
        raise value
    return value


class Apart:
    """Runs each task in a new process; preload names the modules each process loads before it is given a
    task. Use it in a with block, which ends the process kept ready."""

    def __init__(self, preload: tuple[str, ...] = ()) -> None:
        self.preload = preload
        self.ready: subprocess.Popen | None = None
        self._taking = threading.Lock()  # tasks may be run from several threads at once

    def _start(self) -> subprocess.Popen:
        return _process(self.preload)

    def run(self, task, *args):
        """task(*args) in a new process: its result, or the exception it raised."""
        with self._taking:
            process, self.ready = self.ready or self._start(), self._start()
        output, errors = process.communicate(pickle.dumps((task, args)))
        return outcome(task.__name__, process.returncode, output, errors)

    def __enter__(self) -> Apart:
        return self

    def __exit__(self, *_) -> None:
        with self._taking:
            if self.ready is not None:
                self.ready.communicate(b"")  # no task: it ends
                self.ready = None


class Running:
    """A task started now in a process of its own: its result when wanted, or stopped unfinished."""

    def __init__(self, task, *args) -> None:
        self.name = task.__name__
        self.process = _process()
        self._said: tuple[bytes, bytes] = (b"", b"")
        self._talk = threading.Thread(target=self._hand_over, args=(pickle.dumps((task, args)),), daemon=True)
        self._talk.start()

    def _hand_over(self, given: bytes) -> None:
        self._said = self.process.communicate(given)

    def result(self):
        """Its result, or the exception it raised (raised here), once it has ended."""
        self._talk.join()
        return outcome(self.name, self.process.returncode, *self._said)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self._talk.join()


def run_apart(task, *args):
    """task(*args) in a new process of its own."""
    return Running(task, *args).result()


def _process(preload: tuple[str, ...] = ()) -> subprocess.Popen:
    """A process that loads the modules named, then waits for a task on its standard input (main)."""
    return subprocess.Popen([sys.executable, "-m", "site_gen.apart", *preload],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def main(preload: list[str]) -> None:
    end_with_parent(os.getppid())
    for name in preload:
        if name.startswith("site_gen."):
            importlib.import_module(name)
    given = sys.stdin.buffer.read()
    if not given:
        return
    task, args = pickle.loads(given)
    try:
        outcome = (True, task(*args))
    except Exception as err:  # noqa: BLE001 - handed back to the build, which says what went wrong
        outcome = (False, err)
    sys.stdout.buffer.write(pickle.dumps(outcome))


if __name__ == "__main__":
    main(sys.argv[1:])
