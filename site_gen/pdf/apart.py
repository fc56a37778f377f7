"""Run one task in a Python process of its own, which ends with it: `python -m site_gen.pdf.apart` reads the
pickled task and its arguments on standard input and writes the pickled result, or the exception it raised,
on standard output. Typst keeps everything it has laid out until its process ends, so each piece of a large
plan is typeset this way. A process started afresh imports only what the task needs (multiprocessing's
would import the whole command that started it, a second a process), and ends if the build goes."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys


class TaskFailed(RuntimeError):
    """The process running a task ended without a result (killed, or out of memory)."""


def run_apart(task, *args):
    """task(*args) in a new process: its result, or the exception it raised."""
    done = subprocess.run([sys.executable, "-m", "site_gen.pdf.apart"], input=pickle.dumps((task, args)),
                          capture_output=True, check=False)
    if done.returncode != 0 or not done.stdout:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise TaskFailed(f"{task.__name__} stopped (exit status {done.returncode}): {said[-1] if said else 'no message'}")
    succeeded, value = pickle.loads(done.stdout)
    if not succeeded:
        raise value
    return value


def main() -> None:
    from site_gen.pdf.worker import end_with_parent

    end_with_parent(os.getppid())
    task, args = pickle.load(sys.stdin.buffer)
    try:
        outcome = (True, task(*args))
    except Exception as err:  # noqa: BLE001 - handed back to the build, which says what went wrong
        outcome = (False, err)
    sys.stdout.buffer.write(pickle.dumps(outcome))


if __name__ == "__main__":
    main()
