"""Worker processes that die with the process that started them.

A pool's workers are spawned (they start clean, the same on every platform)
and watch their parent: on Linux the kernel kills them when it dies
(``PR_SET_PDEATHSIG``), elsewhere a thread notices the new parent id. So a
killed ``audsim`` (SIGKILL included) leaves no workers holding memory or its
output pipe. A block left by an exception (Ctrl-C, SIGTERM) stops the workers
at once instead of waiting for the runs in flight.
"""

from __future__ import annotations

import atexit
import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from .model import kernel_cache

PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Called first in a worker: end this process when ``parent_pid`` ends."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the parent died before the line above
        os._exit(1)

    def watch():
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="audsim-parent-watch", daemon=True).start()


def _worker(parent_pid: int) -> None:
    """A pool worker dies with its parent and leaves Ctrl-C to it: the parent stops the runs (it kills the workers
    of an interrupted block); a terminal's Ctrl-C reaches the whole process group, and a worker waiting for its
    next task, while the parent writes a report, printed a traceback each."""
    from .runner import HorizonWarning

    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warnings.simplefilter("ignore", HorizonWarning)  # the parent said it once, as it read the scenarios; not once a run


@contextmanager
def interrupts_held():
    """Processes started inside begin with Ctrl-C ignored (an ignored signal stays ignored across exec; a handler
    does not), for children that must never see it (a local Dask cluster's). Meanwhile this process's main thread
    holds a Ctrl-C (blocked) and receives it when the block ends; but one that another of its threads takes in that
    moment is dropped, so pool workers are not started this way (a dropped Ctrl-C let a sweep run to its end)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def terminate_on_signal() -> None:
    """Turn SIGTERM into SystemExit, so ``finally`` blocks run: temporary files go, locks and workers are released."""
    def handler(signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM kills at once
        if _DEFERRED["depth"]:
            _DEFERRED["pending"] = signum
            return
        raise SystemExit(128 + signum)

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, handler)


_DEFERRED: dict = {"depth": 0, "pending": None}


@contextmanager
def terminations_deferred():
    """SIGTERM's SystemExit raised after the block, not inside it: raised while a worker was being started (its
    start-up data half written to its pipe), the worker printed a traceback ("EOFError: Ran out of input")."""
    _DEFERRED["depth"] += 1
    try:
        yield
    finally:
        _DEFERRED["depth"] -= 1
        signum, _DEFERRED["pending"] = _DEFERRED["pending"], None
        if signum is not None and not _DEFERRED["depth"]:
            raise SystemExit(128 + signum)


_POOL: dict = {}  # this process's one pool: {"workers": n, "pool": ProcessPoolExecutor}


def serial_here(workers: int | None) -> bool:
    """Run in this process: one worker asked for, or this process is itself a daemonic pool worker (EMA's, or any
    multiprocessing pool's), which may not start children."""
    return (workers or os.cpu_count() or 1) == 1 or multiprocessing.current_process().daemon


def side_by_side(runs: int, workers: int | None) -> int:
    """How many of ``runs`` run at once with ``workers`` (all cores by default): what the memory must hold."""
    return 1 if serial_here(workers) else min(runs, workers or os.cpu_count() or 1)


@contextmanager
def process_pool(workers: int):
    """This process's spawn-context ProcessPoolExecutor, whose workers die with this process.

    One pool per process, reused by the next call with the same number of workers (a researcher's loop over
    ``compare`` does not start workers again for each call); it is shut down when the process exits. A block left
    by an exception (Ctrl-C, SIGTERM) kills the workers at once and forgets the pool."""
    pool = _pool(workers)
    try:
        yield pool
    except BaseException:
        _kill_workers(pool)
        _forget(pool)
        raise


def compile_first() -> None:
    """Compile the model's kernels here before starting processes that run it (pool workers, a local Dask cluster,
    the dashboard's server), so that they load them from the cache instead of each compiling them all (after an
    install or an update of the model)."""
    kernel_cache.compile_here(lambda line: print(f"audsim: {line}", file=sys.stderr, flush=True))


def _pool(workers: int) -> ProcessPoolExecutor:
    current = _POOL.get("pool")
    if current is not None and (_POOL["workers"] != workers or getattr(current, "_broken", False)
                                or getattr(current, "_shutdown_thread", False)):
        _forget(current)
        current = None
    if current is None:
        compile_first()
        current = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                      initializer=_worker, initargs=(os.getpid(),))
        _POOL.update(workers=workers, pool=current)
    return current


def _forget(pool: ProcessPoolExecutor) -> None:
    pool.shutdown(wait=True, cancel_futures=True)
    if _POOL.get("pool") is pool:
        _POOL.clear()
    _stop_resource_tracker()


@atexit.register
def _close_pool() -> None:
    if _POOL.get("pool") is not None:
        _forget(_POOL["pool"])


def map_tasks(fn, tasks: list, workers: int | None = None):
    """``fn`` over ``tasks`` in order: in this process with one worker (or inside a daemonic worker), else on
    this process's pool (all cores by default)."""
    if serial_here(workers):
        yield from map(fn, tasks)
        return
    with process_pool(workers or os.cpu_count() or 1) as pool:
        with terminations_deferred():  # map submits every task at once, starting the workers
            results = pool.map(fn, tasks, chunksize=1)
        yield from results


def _stop_resource_tracker() -> None:
    """Stop and reap multiprocessing's resource tracker once the workers are gone (the next pool starts another),
    so it is not left to exit after this process, a zombie where nothing reaps orphans.

    Not while a semaphore of the pool is still alive (a traceback, after SIGTERM, can hold its queues): a stopped
    tracker unlinks what is still registered, and the semaphore's own clean-up at exit would then print a traceback.
    The tracker then ends with this process, as it would without us."""
    from multiprocessing import resource_tracker, synchronize, util

    gc.collect()  # semaphores nobody holds are unlinked and unregistered now, by their own finalizers
    if any(getattr(f, "_callback", None) is synchronize.SemLock._cleanup for f in list(util._finalizer_registry.values())):
        return
    try:
        resource_tracker._resource_tracker._stop()
    except (AttributeError, OSError, ChildProcessError):
        pass


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    terminate = getattr(pool, "kill_workers", None)  # Python 3.14+
    if terminate is not None:
        terminate()
        return
    workers = list((getattr(pool, "_processes", None) or {}).values())
    for p in workers:
        try:
            p.kill()
        except (OSError, AttributeError):
            pass
    for p in workers:  # reap them: no zombies left behind
        p.join(timeout=5)
